/**
 * Profiles for implementations the seed documents name but whose behaviour the reference does
 * not pin: Cisco IOS-XE, Cisco IOS-XR, Juniper Junos, Arista EOS, OpenBGPD. Each is the `rfc`
 * profile with that vendor's documented timer defaults; the behaviour switches stay RFC.
 */
import { deepMerge } from './merge.js';
import type { Profile } from './profile.js';
import { rfcProfile } from './rfc.js';

const UNVERIFIED = 'documented defaults; behaviour not verified against the implementation';
/** The rfc profile's idle-hold knob is not carried over: none of these documents one that could be verified. */
const traits = { idleHoldKnob: false };

export const ciscoIosXeProfile: Profile = deepMerge(rfcProfile, {
  profile: 'cisco-ios-xe',
  description: `Cisco IOS-XE: ${UNVERIFIED}`,
  timers: { holdTime: 180, keepaliveTime: 60, connectRetryTime: 120 },
  // Seed 000: `bgp graceful-restart restart-time 120`, `stalepath-time 360`.
  gr: { restartTime: 120, stalePathTime: 360 },
  traits,
});

export const ciscoIosXrProfile: Profile = deepMerge(rfcProfile, {
  profile: 'cisco-ios-xr',
  description: `Cisco IOS-XR: ${UNVERIFIED}`,
  timers: { holdTime: 180, keepaliveTime: 60, connectRetryTime: 120 },
  gr: { restartTime: 120, stalePathTime: 360 },
  traits,
});

export const junosProfile: Profile = deepMerge(rfcProfile, {
  profile: 'junos',
  description: `Juniper Junos: ${UNVERIFIED}`,
  timers: { holdTime: 90, keepaliveTime: 30, connectRetryTime: 120 },
  gr: { restartTime: 120, stalePathTime: 300 },
  traits,
});

export const aristaEosProfile: Profile = deepMerge(rfcProfile, {
  profile: 'arista-eos',
  description: `Arista EOS: ${UNVERIFIED}`,
  timers: { holdTime: 180, keepaliveTime: 60, connectRetryTime: 120 },
  gr: { restartTime: 300, stalePathTime: 300 },
  traits,
});

/** OpenBGPD is a GR helper only: it never restarts with forwarding kept (registry.ts refuses mode 'restart'). */
export const openbgpdProfile: Profile = deepMerge(rfcProfile, {
  profile: 'openbgpd',
  description: `OpenBGPD (GR helper only): ${UNVERIFIED}`,
  timers: { holdTime: 90, keepaliveTime: 30, connectRetryTime: 120 },
  gr: { mode: 'helper', restartTime: 90, preserveForwarding: false },
  traits,
});
