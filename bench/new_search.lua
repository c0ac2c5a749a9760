-- `make bench`, mode "new search": every request asks for a page number never asked before
-- (thread id, a 0, then a counter: 101, 102, ... and 201, 202, ...). A page past the last gives
-- the last page, so each request runs the whole search as a query asked for the first time
-- would, instead of reusing the <main> kept for that query.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  asked = 0
end

function request()
  asked = asked + 1
  return wrk.format(nil, wrk.path .. "&page=" .. id .. "0" .. asked)
end
