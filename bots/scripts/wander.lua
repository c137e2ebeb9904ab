-- wander: walk in a random direction at an honest speed, turning every few
-- seconds and heading back toward the middle when near an edge.
local turn_in = 0

local function pick()
  local x, y, z = pos()
  local a = rand() * 2 * math.pi
  local dx, dz = math.cos(a), math.sin(a)
  local cx, cz = (WORLD_MIN_X + WORLD_MAX_X) / 2, (WORLD_MIN_Z + WORLD_MAX_Z) / 2
  if math.abs(x - cx) > (WORLD_MAX_X - WORLD_MIN_X) * 0.4 or math.abs(z - cz) > (WORLD_MAX_Z - WORLD_MIN_Z) * 0.4 then
    dx, dz = cx - x, cz - z
  end
  move_dir(dx, 0, dz, MAX_SPEED * (0.4 + 0.4 * rand()))
  turn_in = 1 + rand() * 3
end

function on_start()
  pick()
end

function on_tick(dt)
  turn_in = turn_in - dt
  if turn_in <= 0 then pick() end
end
