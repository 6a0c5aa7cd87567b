local node = ARGV[1]
if not redis.call('ZSCORE', 'chat:nodes', node) then
  return -1
end
if redis.call('HSETNX', 'chat:names', ARGV[2], ARGV[3]) == 0 then
  return 0
end
hold(node, ARGV[2], ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7]), ARGV[8])
return 1
