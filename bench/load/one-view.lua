-- wrk script: GET one loan's view as of one date, over and over (the day-700 / day-30 comparison).
-- Usage: wrk ... -s one-view.lua URL -- DATA.lua FUND LOANID ASOF
local path, headers

function init(args)
  local data = dofile(args[1])
  path = "/api/loans/" .. args[3] .. "?asOf=" .. args[4]
  headers = { ["Authorization"] = "Bearer " .. data.tokens[args[2]] }
end

function request()
  return wrk.format("GET", path, headers)
end

dofile(os.getenv("HTXLOAD_LIB"))
