-- wrk script: the issue's plan question, POSTed as llmfit's dashboard sends it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model": "Llama-3.1-70B", "context": 32768, "target_tps": 20}'
