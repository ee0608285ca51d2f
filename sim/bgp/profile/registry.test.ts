import { describe, expect, it } from 'vitest';
import { getProfile, mustResolve, PROFILES, profileNames, resolvePeerConfig } from './registry.js';

describe('implementation profiles', () => {
  it('point unversioned names at the newest version', () => {
    expect(getProfile('frr')?.profile).toBe('frr-10.7');
    expect(getProfile('gobgp')?.profile).toBe('gobgp-4.8');
    expect(getProfile('bird')?.profile).toBe('bird-2.19');
    expect(profileNames()).toEqual(
      expect.arrayContaining(['rfc', 'frr', 'frr-8.4', 'frr-10.5', 'bird', 'gobgp', 'openbgpd']),
    );
  });

  it('carry the documented timer defaults (gr-reference §2.3)', () => {
    const frr = mustResolve({ profile: 'frr' });
    expect([
      frr.timers.holdTime,
      frr.timers.keepaliveTime,
      frr.gr.restartTime,
      frr.gr.stalePathTime,
      frr.gr.selectionDeferralTime,
      frr.llgr.staleTime,
    ]).toEqual([180, 60, 120, 360, 120, 0]);
    const bird = mustResolve({ profile: 'bird' });
    expect([bird.timers.holdTime, bird.gr.restartTime, bird.gr.stalePathTime, bird.llgr.staleTime]).toEqual([
      240,
      120,
      null,
      3600,
    ]);
    const gobgp = mustResolve({ profile: 'gobgp' });
    expect([
      gobgp.timers.holdTime,
      gobgp.gr.restartTime,
      gobgp.gr.stalePathTime,
      gobgp.gr.selectionDeferralTime,
    ]).toEqual([90, 90, null, 360]);
    const xe = mustResolve({ profile: 'cisco-ios-xe' });
    expect([xe.gr.restartTime, xe.gr.stalePathTime]).toEqual([120, 360]);
  });

  it('version FRR where behaviour changed (gr-reference §5.1)', () => {
    expect(mustResolve({ profile: 'frr-10.5.1' }).behaviour.consecutiveRestart).toBe('delete-stale');
    expect(mustResolve({ profile: 'frr-10.5' }).behaviour.consecutiveRestart).toBe('keep-stale');
    expect(mustResolve({ profile: 'frr-10.5' }).behaviour.fBit).toBe('configured');
    expect(mustResolve({ profile: 'frr-10.7' }).behaviour.fBit).toBe('restart-window');
    expect(mustResolve({ profile: 'frr-10.7' }).behaviour.llgrStaleExport).toBe('gr-or-llgr-peers');
    expect(mustResolve({ profile: 'frr-master' }).behaviour.llgrStaleExport).toBe('llgr-peers');
    expect(mustResolve({ profile: 'frr-8.4' }).behaviour.silentStopWhenGr).toBe(false);
  });

  it('version GoBGP Hard Reset and connect pacing (gr-reference §5.1a)', () => {
    expect(mustResolve({ profile: 'gobgp-3.25' }).behaviour.hardReset).toBe('never');
    expect(mustResolve({ profile: 'gobgp-3.34' }).behaviour.hardReset).toBe('no-inner');
    expect(mustResolve({ profile: 'gobgp-3.34' }).timers.connectRetryFloor).toBe(5);
    expect(mustResolve({ profile: 'gobgp' }).timers.connectRetryFloor).toBe(2);
  });

  it('model a MetalLB speaker: FRR 10.5 pinned to 8.0 defaults, N off, preserve-fw-state, Helper unless GR enabled', () => {
    const m = mustResolve({ profile: 'metallb' });
    expect([
      m.gr.mode,
      m.gr.notification,
      m.gr.hardAdminReset,
      m.gr.preserveForwarding,
      m.behaviour.consecutiveRestart,
    ]).toEqual(['helper', false, false, true, 'keep-stale']);
  });

  it('mark the vendor profiles as documented defaults, not verified behaviour', () => {
    for (const name of ['cisco-ios-xe', 'cisco-ios-xr', 'junos', 'arista-eos', 'openbgpd']) {
      expect(PROFILES.get(name)?.description).toContain(
        'documented defaults; behaviour not verified against the implementation',
      );
    }
  });

  it('let a peer override any field and resolve the rest from the profile', () => {
    const c = mustResolve({ profile: 'frr', gr: { restartTime: 5 }, timers: { holdTime: 3, keepaliveTime: 1 } });
    expect([c.gr.restartTime, c.gr.stalePathTime, c.timers.holdTime, c.timers.connectRetryTime]).toEqual([
      5, 360, 3, 30,
    ]);
  });

  it('make GoBGP advertise its hold time as Restart Time unless set', () => {
    expect(mustResolve({ profile: 'gobgp', timers: { holdTime: 30 } }).gr.restartTime).toBe(30);
    expect(mustResolve({ profile: 'gobgp', timers: { holdTime: 30 }, gr: { restartTime: 7 } }).gr.restartTime).toBe(7);
  });

  it('report bad input as errors with field paths', () => {
    const r = resolvePeerConfig({
      profile: 'rfc',
      timers: { holdTime: 2 },
      gr: { restartTime: 4096 },
      llgr: { staleTime: 2 ** 24 },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(['timers.holdTime', 'gr.restartTime', 'llgr.staleTime']);
    const u = resolvePeerConfig({ profile: 'nope' });
    expect(u.ok).toBe(false);
  });

  it('refuse to make OpenBGPD a restarting speaker with forwarding kept', () => {
    const r = resolvePeerConfig({ profile: 'openbgpd', gr: { mode: 'restart' } });
    expect(r.ok).toBe(false);
    expect(resolvePeerConfig({ profile: 'openbgpd' }).ok).toBe(true);
  });

  it('give FRR 10.4–10.5 (MetalLB’s 10.5.3 included) the 30 s BFD strict hold whenever the neighbor has no timers', () => {
    for (const p of ['frr-10.5', 'frr-10.5.1', 'metallb']) {
      expect(mustResolve({ profile: p }).traits.bfd?.strictHold).toEqual({ seconds: 30, when: 'hold-zero-or-unset' });
    }
    expect(mustResolve({ profile: 'frr-10.7' }).traits.bfd?.strictHold).toEqual({ seconds: 30, when: 'hold-zero' });
    expect(mustResolve({ profile: 'frr-8.4' }).traits.bfd?.strictHold).toBeNull();
    expect(mustResolve({ profile: 'rfc' }).traits.bfd?.strictHold).toBeNull();
  });

  it('record whether the neighbor’s hold time was configured or is the implementation default', () => {
    expect(mustResolve({ profile: 'frr-10.5' }).timers.holdTimeConfigured).toBe(false);
    expect(mustResolve({ profile: 'frr-10.5', timers: { holdTime: 180 } }).timers.holdTimeConfigured).toBe(true);
    expect(mustResolve({ profile: 'frr-10.5', timers: { keepaliveTime: 10 } }).timers.holdTimeConfigured).toBe(true);
  });

  it('never apply a stale-path time to BIRD or GoBGP, which have no stale-path timer (gr-reference §2.3)', () => {
    expect(mustResolve({ profile: 'bird', gr: { stalePathTime: 30 } }).gr.stalePathTime).toBeNull();
    expect(mustResolve({ profile: 'gobgp', gr: { stalePathTime: 30 } }).gr.stalePathTime).toBeNull();
    expect(mustResolve({ profile: 'frr', gr: { stalePathTime: 30 } }).gr.stalePathTime).toBe(30);
  });

  it('mark which implementations have no BFD at all (GoBGP)', () => {
    expect(mustResolve({ profile: 'gobgp-3.25' }).traits.bfd).toBeNull();
    expect(mustResolve({ profile: 'bird' }).traits.bfd?.policy).toBe('bird');
    expect(mustResolve({ profile: 'metallb' }).traits.bfd?.policy).toBe('frr');
  });
});

describe('profiles of the daemons stalepath calibrate runs (BIRD 2.0.12, GoBGP 3.10.0)', () => {
  it('GoBGP 3.10 waits for End-of-RIB on every configured family (before 3.23)', () => {
    expect(mustResolve({ profile: 'gobgp-3.10' }).behaviour.eorScope).toBe('all-afs');
    expect(mustResolve({ profile: 'gobgp-3.25' }).behaviour.eorScope).toBe('all-received-afs');
  });

  it('GoBGP stays Idle 5 s after a session ends and returns to Idle when the restart timer runs out', () => {
    const c = mustResolve({ profile: 'gobgp-3.10' });
    expect(c.timers.idleHoldTime).toBe(5);
    expect(c.behaviour.restartExpiry).toBe('idle');
  });

  it('BIRD has no idle hold; 2.0 keeps the 2.13 main-loop wake-up lag (io.c io_loop before 2.14)', () => {
    const c = mustResolve({ profile: 'bird-2.0' });
    expect(c.timers.idleHoldTime).toBe(0);
    expect(c.behaviour.timerActionWakeup).toEqual({ idlePollTimeout: 3 });
  });
});
