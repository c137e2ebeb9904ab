-- chatter: stand still and send a reliable command twice a second, counting
-- the replies.
local every, wait, sent, replies = 0.5, 0, 0, 0

function on_tick(dt)
  wait = wait - dt
  if wait > 0 then return end
  wait = every
  sent = sent + 1
  command("ping", "chatter " .. sent, function(status, body)
    replies = replies + 1
  end)
end

function on_disconnect(reason)
  log("chatter: sent", sent, "replies", replies, "reason", reason)
end
