-- wrk script: POST /api/loans/{id}/repayments, a fresh Idempotency-Key and bank reference per request, loans of
-- every fund in turn (each fund with its own accountant's bearer token). Written by bench/load.sh; see docs/benchmarks.md.
-- Usage: wrk ... -s repayments.lua URL -- DATA.lua RUNID
local counter = 0
local next_thread = 0
local loans, tokens, today, run, idx

function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  local data = dofile(args[1])
  loans, tokens, today, run = data.loans, data.tokens, data.today, args[2]
  idx = ((tid or 0) * 7919) % #loans
end

function request()
  counter = counter + 1
  idx = idx % #loans + 1
  local loan = loans[idx]
  local key = run .. "-" .. (tid or 0) .. "-" .. counter
  local body = '{"amount":10000,"valueDate":"' .. today .. '","channel":"BankTransfer","bankReference":"LT-' .. key .. '"}'
  return wrk.format("POST", "/api/loans/" .. loan[2] .. "/repayments", {
    ["Authorization"] = "Bearer " .. tokens[loan[1]],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key,
  }, body)
end

dofile(os.getenv("HTXLOAD_LIB"))
