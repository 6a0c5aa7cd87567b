local adding = tonumber(ARGV[1])
for i = 3, #ARGV do
  local added = i < 3 + adding
  local changed = added and redis.call('SADD', 'chat:bans', ARGV[i]) or redis.call('SREM', 'chat:bans', ARGV[i])
  if changed == 1 then
    redis.call('XADD', 'chat:stream', 'MAXLEN', '~', ARGV[2], '*', 'q', incr(), 'k', 'b', 'l', ARGV[i], 'a', added and '1' or '0')
  end
end
redis.call('SET', 'chat:bans:live', '1')
return 1
