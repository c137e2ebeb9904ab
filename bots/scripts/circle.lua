-- circle: walk around a circle of radius 20 centred where the bot started,
-- at half the maximum speed.
local cx, cz, r, angle, speed

function on_start()
  local x, y, z = pos()
  r = 20
  cx, cz = x - r, z
  angle = 0
  speed = MAX_SPEED * 0.5
end

function on_tick(dt)
  angle = angle + speed / r * dt
  -- the tangent of the circle: honest speed, the bot integrates it
  move_dir(-math.sin(angle), 0, math.cos(angle), speed)
end
