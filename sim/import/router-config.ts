// The upstream router's BGP configuration, FRR (vtysh) or Cisco IOS-XE style, as seed 000 step 4
// shows it → the router side of the scenario. Pure: text in, data out. Every line is accounted
// for: it sets a field, is structure (modes, `neighbor … remote-as`), or is listed as ignored.

export interface RouterBgpSettings {
  gracefulRestart?: {
    mode?: 'restart' | 'helper' | 'disable';
    restartTime?: number;
    stalePathTime?: number;
    selectionDeferralTime?: number;
    notification?: boolean;
    preserveForwarding?: boolean;
  };
  llgr?: { enabled?: boolean; staleTime?: number };
  holdTime?: number;
  keepaliveTime?: number;
  bfd?: { enabled: boolean; checkControlPlaneFailure?: boolean };
}

export interface RouterConfigLine {
  readonly line: number;
  readonly text: string;
}

export interface RouterConfig {
  /** `router bgp N`. */
  readonly asn?: number;
  /** `neighbor A remote-as N` lines, in order. */
  readonly neighbors: readonly { readonly address: string; readonly remoteAs?: number; readonly line: number }[];
  readonly bgp: RouterBgpSettings;
  readonly maximumPaths?: number;
  readonly maximumPathsIbgp?: number;
  /** Lines that set a field, with what they set. */
  readonly applied: readonly (RouterConfigLine & { readonly sets: string })[];
  /** Lines understood but not modelled, or not understood: listed, never silently dropped. */
  readonly ignored: readonly (RouterConfigLine & { readonly why: string })[];
  readonly errors: readonly string[];
}

/** Mode and housekeeping lines: they carry no setting. */
const STRUCTURE = [
  /^vtysh$/,
  /^(configure|conf)( terminal| t)?$/,
  /^end$/,
  /^exit$/,
  /^exit-address-family$/,
  /^address-family ipv[46]( unicast)?$/,
  /^write( memory| mem)?$/,
  /^copy running-config startup-config$/,
  /^neighbor \S+ activate$/,
];

/** Understood, deliberately not modelled: the reason is printed with the line. */
const NOT_MODELLED: readonly [RegExp, string][] = [
  [/^bgp router-id /, 'router IDs are not modelled'],
  [/^neighbor \S+ (password|update-source|description|ebgp-multihop|port|local-as) /, 'not modelled'],
  [/^neighbor \S+ bfd profile \S+$/, 'BFD profile contents are not read; FRR defaults 300 ms × 3 apply'],
  [/^no bgp ebgp-requires-policy$/, 'routing policy is not modelled (the routers accept every path)'],
  [/^no bgp default ipv4-unicast$/, 'IPv4 unicast is the only family modelled'],
  [/^(network|redistribute) /, 'the router originates no prefixes of its own in the simulation'],
  [/^bgp bestpath /, 'best-path tie-breaking is not modelled beyond equal-cost multipath'],
  [/^(hostname|log|service|frr) /, 'not BGP configuration'],
];

export function parseRouterConfig(text: string, file: string): RouterConfig {
  const bgp: RouterBgpSettings = {};
  const neighbors: { address: string; remoteAs?: number; line: number }[] = [];
  const applied: (RouterConfigLine & { sets: string })[] = [];
  const ignored: (RouterConfigLine & { why: string })[] = [];
  const errors: string[] = [];
  let asn: number | undefined;
  let maximumPaths: number | undefined;
  let maximumPathsIbgp: number | undefined;
  const gr = () => (bgp.gracefulRestart ??= {});

  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim().replace(/\s+/g, ' ');
    if (t === '' || t.startsWith('!') || t.startsWith('#')) return;
    const at = { line, text: t };
    const set = (sets: string): void => {
      applied.push({ ...at, sets });
    };
    const bad = (message: string) => errors.push(`${file}:${line}: "${t}": ${message}`);
    /** An integer within the field's range, or an error naming the range and its source. */
    const num = (v: string, min: number, max: number, rule: string): number | undefined => {
      const n = Number(v);
      if (Number.isInteger(n) && n >= min && n <= max) return n;
      bad(`${v} is out of range (${min}–${max}, ${rule})`);
      return undefined;
    };
    let m: RegExpExecArray | null;
    if (STRUCTURE.some((re) => re.test(t))) return;
    if ((m = /^router bgp (\d+)( vrf \S+)?$/.exec(t))) {
      asn = num(m[1], 1, 4_294_967_295, 'a 4-octet AS number');
      if (m[2]) ignored.push({ ...at, why: 'VRFs are not modelled; the settings apply to the default table' });
      return;
    }
    if ((m = /^neighbor (\S+) remote-as (\d+|external|internal)$/.exec(t))) {
      neighbors.push({ address: m[1], remoteAs: /^\d+$/.test(m[2]) ? Number(m[2]) : undefined, line });
      return;
    }
    if (t === 'bgp graceful-restart') {
      gr().mode = 'restart';
      set('gracefulRestart.mode = restart');
      return;
    }
    if (t === 'no bgp graceful-restart' || t === 'bgp graceful-restart-disable') {
      gr().mode = 'disable';
      set('gracefulRestart.mode = disable');
      return;
    }
    if ((m = /^bgp graceful-restart restart-time (\d+)$/.exec(t))) {
      const v = num(m[1], 0, 4095, 'the 12-bit Restart Time of RFC 4724 §3');
      if (v !== undefined) gr().restartTime = v;
      set(`gracefulRestart.restartTime = ${m[1]}`);
      return;
    }
    if ((m = /^bgp graceful-restart stalepath-time (\d+)$/.exec(t))) {
      const v = num(m[1], 1, 4095, 'FRR and IOS-XE accept 1–4095');
      if (v !== undefined) gr().stalePathTime = v;
      set(`gracefulRestart.stalePathTime = ${m[1]}`);
      return;
    }
    if ((m = /^bgp graceful-restart select-defer-time (\d+)$/.exec(t))) {
      const v = num(m[1], 0, 3600, 'FRR accepts 0–3600');
      if (v !== undefined) gr().selectionDeferralTime = v;
      set(`gracefulRestart.selectionDeferralTime = ${m[1]}`);
      return;
    }
    if ((m = /^(no )?bgp graceful-restart notification$/.exec(t))) {
      gr().notification = !m[1];
      set(`gracefulRestart.notification = ${!m[1]}`);
      return;
    }
    if ((m = /^(no )?bgp graceful-restart preserve-fw-state$/.exec(t))) {
      gr().preserveForwarding = !m[1];
      set(`gracefulRestart.preserveForwarding = ${!m[1]}`);
      return;
    }
    if ((m = /^(?:bgp )?long-lived-graceful-restart stale-time (\d+)$/.exec(t))) {
      const v = num(m[1], 0, 16_777_215, 'the 24-bit LLST of RFC 9494 §3.1');
      // FRR: stale-time 0 (the default) means LLGR off.
      if (v !== undefined) bgp.llgr = { enabled: v > 0, staleTime: v };
      set(`llgr.staleTime = ${m[1]}`);
      return;
    }
    if ((m = /^(?:timers bgp|neighbor \S+ timers) (\d+) (\d+)$/.exec(t))) {
      const ka = num(m[1], 0, 65_535, 'RFC 4271 §4.4');
      const hold = num(m[2], 0, 65_535, 'the 16-bit hold time of RFC 4271 §4.2');
      if (hold !== undefined && hold !== 0 && hold < 3)
        bad(`hold time ${hold} must be 0 or at least 3 s (RFC 4271 §4.2)`);
      else if (ka !== undefined && hold !== undefined) {
        if (ka > hold) bad(`keepalive ${ka} exceeds hold time ${hold}`);
        bgp.holdTime = hold;
        bgp.keepaliveTime = ka;
      }
      const per = t.startsWith('neighbor') ? ' (a per-neighbor line: applied to every session of this router)' : '';
      set(`holdTime = ${m[2]}, keepaliveTime = ${m[1]}${per}`);
      return;
    }
    if ((m = /^neighbor (\S+) (?:bfd|fall-over bfd)( single-hop)?$/.exec(t))) {
      bgp.bfd = { ...bgp.bfd, enabled: true };
      set('bfd.enabled = true (applied to every session of this router)');
      return;
    }
    if ((m = /^neighbor (\S+) bfd check-control-plane-failure$/.exec(t))) {
      bgp.bfd = { enabled: true, ...bgp.bfd, checkControlPlaneFailure: true };
      set('bfd.checkControlPlaneFailure = true');
      return;
    }
    if ((m = /^neighbor (\S+) (graceful-restart|graceful-restart-helper|graceful-restart-disable)$/.exec(t))) {
      const mode = m[2] === 'graceful-restart' ? 'restart' : m[2] === 'graceful-restart-helper' ? 'helper' : 'disable';
      gr().mode = mode;
      set(`gracefulRestart.mode = ${mode} (a per-neighbor line: applied to every session of this router)`);
      return;
    }
    if ((m = /^maximum-paths (ibgp )?(\d+)$/.exec(t))) {
      const v = num(m[2], 1, 1024, 'stalepath accepts 1–1024');
      if (m[1]) maximumPathsIbgp = v;
      else maximumPaths = v;
      set(`maximumPaths = ${m[2]}${m[1] ? ' (iBGP paths only)' : ''}`);
      return;
    }
    for (const [re, why] of NOT_MODELLED) {
      if (re.test(t)) {
        ignored.push({ ...at, why });
        return;
      }
    }
    ignored.push({ ...at, why: 'not understood' });
  });
  return { asn, neighbors, bgp, maximumPaths, maximumPathsIbgp, applied, ignored, errors };
}
