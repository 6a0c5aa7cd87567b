forget(ARGV[1], tonumber(ARGV[2]), ARGV[3])
redis.call('DEL', 'chat:seq:' .. ARGV[1])
return 1
