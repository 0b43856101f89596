/**
 * A draw anyone can check (公開抽選): the list of entries and a secret random seed are committed by their SHA-256
 * before the draw, the draw is a deterministic function of list and seed, and anybody with the published list, seed
 * and results can recompute it. Nothing here knows what is drawn: a {@link jp.machi.draw.DrawFormat} names the
 * columns of a choice (a room, a day and a slot for reservation's lottery; a session for an event application).
 * Pure functions, no database, no clock: {@link jp.machi.draw.VerifiableDraw}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Verifiable draw")
package jp.machi.draw;
