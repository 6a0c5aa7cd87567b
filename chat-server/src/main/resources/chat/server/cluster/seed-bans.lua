if redis.call('EXISTS', 'chat:bans:live') == 1 then
  return 0
end
for i = 1, #ARGV do
  redis.call('SADD', 'chat:bans', ARGV[i])
end
return 1
