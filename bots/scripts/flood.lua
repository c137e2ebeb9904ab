-- flood (cheater): move honestly but send 20 extra copies of every input,
-- far above the server's input rate limit.
function on_start()
  local a = rand() * 2 * math.pi
  move_dir(math.cos(a), 0, math.sin(a), MAX_SPEED * 0.5)
end

function on_tick(dt)
  for i = 1, 20 do send() end
end
