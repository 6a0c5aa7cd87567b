local node = ARGV[1]
local epoch = redis.call('GET', 'chat:epoch')
if not epoch then
  epoch = ARGV[2]
  redis.call('SET', 'chat:epoch', epoch)
end
redis.call('ZADD', 'chat:nodes', now(), node)
local refused = {epoch}
for i = 6, #ARGV, 5 do
  local holder = redis.call('HGET', 'chat:names', ARGV[i])
  if holder == ARGV[i + 1] then
    -- this node holds it already: it registered before, and that answer was lost on its way back
  elseif not holder then
    redis.call('HSET', 'chat:names', ARGV[i], ARGV[i + 1])
    if ARGV[3] == '1' then
      hold(node, ARGV[i], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], tonumber(ARGV[4]), ARGV[5])
    else
      redis.call('HSET', 'chat:node:' .. node, ARGV[i], ARGV[i + 2])
    end
  else
    table.insert(refused, ARGV[i])
  end
end
return refused
