-- uploader: wander slowly and upload a 16 KiB blob every two seconds as a
-- large (fragmented, reliable) transfer.
local wait = 0

function on_start()
  local a = rand() * 2 * math.pi
  move_dir(math.cos(a), 0, math.sin(a), MAX_SPEED * 0.2)
end

function on_tick(dt)
  wait = wait - dt
  if wait > 0 then return end
  wait = 2
  upload(random_bytes(16 * 1024))
end
