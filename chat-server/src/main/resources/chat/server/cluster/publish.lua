local node = ARGV[1]
local seqKey = 'chat:seq:' .. node
if tonumber(redis.call('GET', seqKey) or '0') >= tonumber(ARGV[2]) then
  return ''
end
redis.call('SET', seqKey, ARGV[2])
local last = ''
-- one read and one write of the count for the whole batch, not a call per entry
local count = tonumber(redis.call('GET', 'chat:count') or '0')
local function number()
  count = count + 1
  return count
end
local limit, maxlen, budget = tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
local bytes = 0
for i = 6, #ARGV, 4 do
  local kind = ARGV[i]
  bytes = bytes + #ARGV[i + 1] + #ARGV[i + 2] + #ARGV[i + 3]
  if kind == 'l' then
    last = free(node, ARGV[i + 1], ARGV[i + 2], ARGV[i + 3] == '1', limit, maxlen, number) or last
  elseif kind == 'p' then
    last = redis.call('XADD', 'chat:stream', 'MAXLEN', '~', maxlen, '*', 'q', number(), 'k', 'p', 'f', ARGV[i + 1], 't', ARGV[i + 2], 'l', ARGV[i + 3])
  elseif kind == 'r' then
    last = redis.call('XADD', 'chat:stream', 'MAXLEN', '~', maxlen, '*', 'q', number(), 'k', 'r', 'n', ARGV[i + 1], 'l', ARGV[i + 2])
  elseif kind == 'm' then -- node/request/operator, a name, a room command
    last = redis.call('XADD', 'chat:stream', 'MAXLEN', '~', maxlen, '*', 'q', number(), 'k', 'm', 'f', ARGV[i + 1], 'n', ARGV[i + 2], 'l', ARGV[i + 3])
  elseif kind == 'w' or kind == 'g' then -- an asker or a node, a name key, a flag
    last = redis.call('XADD', 'chat:stream', 'MAXLEN', '~', maxlen, '*', 'q', number(), 'k', kind, 'f', ARGV[i + 1], 'n', ARGV[i + 2], 'a', ARGV[i + 3])
  else
    last = redis.call('XADD', 'chat:stream', 'MAXLEN', '~', maxlen, '*', 'q', number(), 'k', kind, 'l', ARGV[i + 1])
  end
end
redis.call('SET', 'chat:count', count)
-- whatever the lines' length, the memory is looked at every tenth of the budget appended
if redis.call('INCRBY', 'chat:stream:bytes', bytes) > budget / 10 then
  redis.call('SET', 'chat:stream:bytes', 0)
  trim_to(budget)
end
return last
