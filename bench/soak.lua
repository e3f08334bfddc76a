-- wrk script for the soak: a scheduler-like mix at a steady pace. Each connection waits
-- DELAY_MS between requests (wrk's delay()), so the rate is about connections * 1000 / DELAY_MS.
local paths = {
  "/api/v1/models/top?limit=5", "/api/v1/models/top?limit=5", "/api/v1/models/top?limit=5&use_case=coding",
  "/api/v1/models/top?limit=5&min_fit=good", "/api/v1/system", "/health",
  "/api/v1/models/meta-llama%2FLlama-3.1-8B-Instruct", "/api/v1/models?max_context=32768&limit=20",
  "/api/v1/models", "/api/v1/models?perfect=true", "/api/v1/models?limit=oops",
}
local gpus = { "NVIDIA%20GeForce%20RTX%203090", "NVIDIA%20L4", "Apple%20M2%20Max", "NVIDIA%20A100%2080GB%20PCIe" }
local delay_ms = tonumber(os.getenv("DELAY_MS") or "20")
math.randomseed(os.time())
request = function()
  local r = math.random(100)
  local path
  if r <= 5 then -- a hardware what-if, rarely repeated
    path = "/api/v1/models/top?limit=10&gpu=" .. gpus[math.random(#gpus)] .. "&vram_gb=" .. (4 + math.random(0, 60) * 2)
  else
    path = paths[math.random(#paths)]
  end
  return wrk.format("GET", path)
end
delay = function() return delay_ms end
