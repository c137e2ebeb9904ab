-- speedhack (cheater): run in a straight line at three times the maximum
-- speed, bouncing off the world's edges.
function on_start()
  local a = rand() * 2 * math.pi
  move_dir(math.cos(a), 0, math.sin(a), MAX_SPEED * 3)
end
