-- patrol: walk between four corners of a square around the spawn point,
-- greet every player that comes into view with a reliable command, and
-- keep a tally of the replies.
local corners, target, greeted, replies = {}, 1, {}, 0

function on_start()
  local x, y, z = pos()
  local d = 30
  corners = { {x + d, z}, {x + d, z + d}, {x, z + d}, {x, z} }
end

function on_tick(dt)
  local x, y, z = pos()
  local c = corners[target]
  local dx, dz = c[1] - x, c[2] - z
  if dx * dx + dz * dz < 1 then
    target = target % #corners + 1 -- next corner
    return
  end
  move_dir(dx, 0, dz, MAX_SPEED * 0.5)
end

function on_event(kind, id)
  if kind == "enter" and not greeted[id] then
    greeted[id] = true
    command("greet", tostring(id), function(status, body)
      replies = replies + 1
    end)
  end
end

function on_disconnect(reason)
  log("patrol: greeted replies", replies, "ended", reason)
end
