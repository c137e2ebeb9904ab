-- chase: follow the nearest visible player at 80 % of the maximum speed,
-- stopping 5 units away; wander when nobody is in sight.
local turn_in = 0

function on_tick(dt)
  local id, x, y, z, dist = nearest()
  if id then
    if dist > 5 then
      local sx, sy, sz = pos()
      move_dir(x - sx, 0, z - sz, MAX_SPEED * 0.8)
    else
      stop()
    end
    return
  end
  turn_in = turn_in - dt
  if turn_in <= 0 then
    local a = rand() * 2 * math.pi
    move_dir(math.cos(a), 0, math.sin(a), MAX_SPEED * 0.5)
    turn_in = 2
  end
end
