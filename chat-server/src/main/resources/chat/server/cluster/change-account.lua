if (redis.call('HEXISTS', 'chat:accounts', ARGV[1]) == 1) ~= (ARGV[3] == '1') then
  return 0
end
if ARGV[2] == '' then
  redis.call('HDEL', 'chat:accounts', ARGV[1])
else
  redis.call('HSET', 'chat:accounts', ARGV[1], ARGV[2])
end
redis.call('SET', 'chat:accounts:live', '1')
redis.call('XADD', 'chat:stream', 'MAXLEN', '~', ARGV[4], '*', 'q', incr(), 'k', 'a', 'n', ARGV[1], 'l', ARGV[2])
return 1
