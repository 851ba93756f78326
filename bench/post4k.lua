-- POST of a 4 KB body to /echo, which sends it back.
wrk.method = "POST"
wrk.body = string.rep("a", 4096)
wrk.headers["Content-Type"] = "application/octet-stream"

-- wrk takes one script: the totals line comes from report.lua beside this file.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "report.lua")
