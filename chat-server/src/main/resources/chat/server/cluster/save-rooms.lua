-- keeps the rooms as of stream entry ARGV[1] (ARGV[2]), unless those kept are as of that entry or a later one
local function parts(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end
local kept = redis.call('GET', 'chat:rooms:at')
if kept then
  local km, ks = parts(kept)
  local nm, ns = parts(ARGV[1])
  if km and (km > nm or (km == nm and ks >= ns)) then
    return 0
  end
end
redis.call('SET', 'chat:rooms', ARGV[2])
redis.call('SET', 'chat:rooms:at', ARGV[1])
return 1
