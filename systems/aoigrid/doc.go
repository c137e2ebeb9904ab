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
// The system allocates nothing per tick once its arrays have grown to the
// world's size. The results are read through Observer and EntityAt, which
// return views into the system's arrays, valid until the next Update.
package aoigrid
