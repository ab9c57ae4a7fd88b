-- wrk script: POST /v1/transactions/score-batch with BATCH (default 100) distinct transactions per request.
BATCH = tonumber(os.getenv("BATCH") or "100")
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "score.lua")
