local node = ARGV[1]
if redis.call('GET', 'chat:epoch') ~= ARGV[2] then
  return {'lost', 0, 0}
end
local t = now()
local last = tonumber(redis.call('GET', 'chat:checked') or '0')
redis.call('SET', 'chat:checked', t)
if t - last > tonumber(ARGV[4]) then
  -- nobody could look for a while (Redis was stopped, or every node was): all start afresh
  for _, n in ipairs(redis.call('ZRANGE', 'chat:nodes', 0, -1)) do
    redis.call('ZADD', 'chat:nodes', t, n)
  end
end
if not redis.call('ZSCORE', 'chat:nodes', node) then
  return {'dead', redis.call('HLEN', 'chat:names'), redis.call('ZCARD', 'chat:nodes')}
end
redis.call('ZADD', 'chat:nodes', t, node)
for _, n in ipairs(redis.call('ZRANGEBYSCORE', 'chat:nodes', '-inf', t - tonumber(ARGV[3]))) do
  forget(n, tonumber(ARGV[5]), ARGV[6])
end
return {'ok', redis.call('HLEN', 'chat:names'), redis.call('ZCARD', 'chat:nodes')}
