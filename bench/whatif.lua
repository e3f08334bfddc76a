-- wrk script: a hardware what-if with a different machine on most requests, so the
-- per-(snapshot, request, hardware) result cache cannot make the benchmark trivial.
-- 8 GPUs x 24 VRAM sizes x 4 counts = 768 distinct machines, cycled at random; the
-- daemon's cache (fitd.service.cache-entries, 64 by default) holds a small share of them.
local gpus = {
  "NVIDIA%20GeForce%20RTX%203090", "NVIDIA%20GeForce%20RTX%204090", "NVIDIA%20GeForce%20RTX%204060%20Ti",
  "NVIDIA%20A100%2080GB%20PCIe", "NVIDIA%20L4", "AMD%20Radeon%20RX%207900%20XTX", "Apple%20M2%20Max",
  "NVIDIA%20GeForce%20RTX%203060"
}
math.randomseed(os.time())
request = function()
  local gpu = gpus[math.random(#gpus)]
  local vram = 4 + math.random(0, 23) * 4
  local count = math.random(1, 4)
  local path = "/api/v1/models?gpu=" .. gpu .. "&vram_gb=" .. vram .. "&gpu_count=" .. count
  return wrk.format("GET", path)
end
