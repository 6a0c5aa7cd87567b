if redis.call('EXISTS', 'chat:accounts:live') == 1 then
  return 0
end
for i = 1, #ARGV, 2 do
  redis.call('HSETNX', 'chat:accounts', ARGV[i], ARGV[i + 1])
end
return 1
