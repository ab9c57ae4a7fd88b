-- wrk script: POST /v1/transactions/score with a distinct transaction per request.
-- Every wrk thread owns its own cards (CARDS per thread) and its own id sequence, so ids never repeat and
-- each card's event time only moves forward. Optional pacing: set RATE (requests/s for the whole run) and
-- THREADS; each thread then sends on an open-loop schedule (see delay()).
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_usec; } fa_timeval;
  int gettimeofday(fa_timeval *tv, void *tz);
]]

local cards = tonumber(os.getenv("CARDS") or "2500")
local rate = tonumber(os.getenv("RATE") or "0")
local threads_n = tonumber(os.getenv("THREADS") or "2")
local key = os.getenv("API_KEY")
local run = os.getenv("RUN_ID") or tostring(os.time())

local created = 0
function setup(thread)
  created = created + 1
  thread:set("tid", created)
end

local counter = 0
local next_at = 0
local interval_us = 0
local categories = { "grocery", "restaurant", "fuel", "travel", "electronics", "clothing", "health", "entertainment" }
local cities = { { "Paris", 48.85, 2.35 }, { "Berlin", 52.52, 13.40 }, { "Madrid", 40.42, -3.70 }, { "Rome", 41.90, 12.50 } }

local function now_us()
  local tv = ffi.new("fa_timeval")
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000000 + tonumber(tv.tv_usec)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  if key then wrk.headers["X-API-Key"] = key end
  if rate > 0 then interval_us = 1000000 * threads_n / rate end
end

function delay()
  if interval_us == 0 then return 0 end
  local now = now_us()
  if next_at == 0 then next_at = now end
  next_at = next_at + interval_us
  local wait = (next_at - now) / 1000
  if wait < 0 then return 0 end
  return wait
end

-- Exported for batch.lua.
function transaction(n)
  local card = n % cards
  local round = math.floor(n / cards)
  -- One transaction per card every 7 minutes of event time, starting 2026-03-01.
  local t = 1772323200 + round * 420 + (card % 60)
  local city = cities[(card + round) % #cities + 1]
  return string.format(
    '{"transactionId":"%s-%d-%d","cardId":"b%d-%d","timestamp":"%s","amount":%d.%02d,"currency":"EUR","merchantId":"m-%d","merchantCategory":"%s","channel":"%s","city":"%s","latitude":%.4f,"longitude":%.4f}',
    run, tid, n, tid, card, os.date("!%Y-%m-%dT%H:%M:%SZ", t), 5 + (n * 37) % 300, n % 100, n % 997,
    categories[n % #categories + 1], (n % 5 == 0) and "online" or "cardPresent", city[1], city[2], city[3])
end

function request()
  counter = counter + 1
  if BATCH then
    local items = {}
    for i = 1, BATCH do
      items[i] = transaction(counter * BATCH + i)
    end
    return wrk.format(nil, "/v1/transactions/score-batch", nil, '{"transactions":[' .. table.concat(items, ",") .. ']}')
  end
  return wrk.format(nil, "/v1/transactions/score", nil, transaction(counter))
end
