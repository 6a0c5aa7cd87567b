local function hold(node, key, leave, join, forOperators, limit, maxlen)
  redis.call('HSET', 'chat:node:' .. node, key, leave)
  local announce = redis.call('HLEN', 'chat:names') <= limit and '1' or '0'
  redis.call('XADD', 'chat:stream', 'MAXLEN', '~', maxlen, '*', 'q', redis.call('INCR', 'chat:count'), 'k', 'j', 'node', node, 'n', key,
    'l', join, 'o', forOperators, 'a', announce)
end
-- trims the stream to the share of its entries that fits in budget bytes of Redis's memory (sampled)
local function trim_to(budget)
  local used = redis.call('MEMORY', 'USAGE', 'chat:stream', 'SAMPLES', '5')
  if not used or used <= budget then
    return 0
  end
  local keep = math.floor(redis.call('XLEN', 'chat:stream') * budget / used * 0.9)
  return redis.call('XTRIM', 'chat:stream', 'MAXLEN', keep)
end
local function free(node, key, line, always, limit, maxlen, number)
  local v = redis.call('HGET', 'chat:names', key)
  if not v or string.sub(v, 1, #node + 1) ~= node .. ' ' then
    return nil
  end
  redis.call('HDEL', 'chat:names', key)
  redis.call('HDEL', 'chat:node:' .. node, key)
  local announce = (always or redis.call('HLEN', 'chat:names') < limit) and '1' or '0'
  return redis.call('XADD', 'chat:stream', 'MAXLEN', '~', maxlen, '*', 'q', number(), 'k', 'l', 'n', key, 'l', line, 'a', announce)
end
local function incr()
  return redis.call('INCR', 'chat:count')
end
local function forget(node, announceLimit, maxlen)
  local held = redis.call('HGETALL', 'chat:node:' .. node)
  for i = 1, #held, 2 do
    free(node, held[i], held[i + 1], false, announceLimit, maxlen, incr)
  end
  redis.call('DEL', 'chat:node:' .. node)
  redis.call('ZREM', 'chat:nodes', node)
end
local function now()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
