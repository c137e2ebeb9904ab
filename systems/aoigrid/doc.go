// Package aoigrid is the area-of-interest system: every tick it buckets the
// player entities into a uniform grid on the X/Z plane and computes, for each
// player, which other players it sees and which entered or left its view.
//
// Rules, per observer: an entity of the same room enters the view at distance
// ≤ AOIRadius, stays visible until its distance exceeds AOIRadius +
// AOILeaveMargin (hysteresis, so borders do not flap), and at most
// AOIMaxVisible entities are kept — the nearest, ties broken by UserID and
// then entity ID. Cells are floor(coordinate / cell size), so negative
// coordinates and points exactly on a cell border need no special case.
//
// How it stays exact: dense indices sort the entities by cell, and the
// observers of one cell share one candidate block, the cells within reach
// of any of them, read as one span of dense indices per grid row. Reach is
// the radius padded by 2⁻¹⁶ of itself plus 2⁻⁴⁰ of the coordinate's
// magnitude, well past the float32 rounding of the distance test, and the
// block is the union of every observer's own range (finite observers folded
// into their bounding box, as cell indices are monotone; non-finite ones
// add their clamped ranges), so it holds every entity within the enter
// radius; a larger block only costs time, as each candidate's distance is
// tested exactly (float32, no fused multiply-add, NaN never within).
// Last tick's visible sets stay in last tick's dense indices, linked to
// this tick's through a table; each observer stamps its set into the
// frame's marks, and one kernel pass over the block (whose spans are
// checked once per cell) tests the enter and leave radii and reads the
// stamps:
// entities within the enter radius are visible (entered if not stamped),
// stamped ones within the leave radius stay (the hysteresis band), stamped
// ones beyond it have left. Stamped entities the block does not hold are
// judged by position, since the leave radius reaches past the block. The
// observers of a cell go through one kernel call
// (simd.WithinBlock.ClassifyObservers), which does all of this for them in
// turn; an observer it cannot finish (over the cap, or one that saw an
// entity gone since) falls back to the same steps in Go (computeObserver).
// Observers over the cap take a slower path that selects the nearest
// (distance, UserID, entity ID). An uncapped visible set lists the block's
// entities in dense order, then any kept from outside the block in last
// tick's order.
//
// The system allocates nothing per tick once its arrays have grown to the
// world's size. The results are read through Observer and EntityAt, which
// return views into the system's arrays, valid until the next Update.
package aoigrid
