-- wrk script: GET /api/loans/{id}?asOf=today over every active loan in turn (each fund's own token).
-- Usage: wrk ... -s views.lua URL -- DATA.lua
local next_thread = 0
local loans, tokens, today, idx

function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  local data = dofile(args[1])
  loans, tokens, today = data.loans, data.tokens, data.today
  idx = ((tid or 0) * 7919) % #loans
end

function request()
  idx = idx % #loans + 1
  local loan = loans[idx]
  return wrk.format("GET", "/api/loans/" .. loan[2] .. "?asOf=" .. today, { ["Authorization"] = "Bearer " .. tokens[loan[1]] })
end

dofile(os.getenv("HTXLOAD_LIB"))
