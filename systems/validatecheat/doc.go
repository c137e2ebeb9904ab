// Package validatecheat is the tick's second system: it judges every movement
// input in the tick's InputBatch against the anti-cheat rules, commits the
// accepted ones as the player's new target, counts rejections by reason,
// and marks players with too many rejections for kick.
package validatecheat
