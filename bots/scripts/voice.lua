-- voice: circle slowly and send one 160-byte audio frame per tick (about
-- 60 frames/s at the default rate), the size of a 20 ms Opus frame.
function on_start()
  move_dir(1, 0, 0, MAX_SPEED * 0.1)
end

function on_tick(dt)
  media("audio", random_bytes(160))
end
