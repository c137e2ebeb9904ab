-- garbage (cheater): behave honestly over the protocol but also write
-- malformed datagrams straight to the server's socket: random bytes, a
-- header with reserved flags, a truncated header, an oversized datagram.
local n = 0

function on_tick(dt)
  n = n + 1
  local k = n % 4
  if k == 0 then
    raw(random_bytes(1 + rand(1199)))
  elseif k == 1 then
    -- seq, flags with the reserved bits 0xC0 set, priority, timestamp
    raw(string.char(1, 0, 0xC0, 0, 0, 0, 0, 0) .. random_bytes(16))
  elseif k == 2 then
    raw(random_bytes(rand(7)))
  else
    raw(random_bytes(1500))
  end
end
