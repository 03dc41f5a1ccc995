//! Mechanisms within a failure kind ("retry storm", "global config push without
//! staging", "certificate expiry"), each with the automated mitigations that stop it and
//! the words that show an incident's own action item already plans one of them.

use super::Kind::{self, *};

/// A mitigation: what to build, and the automated check that enforces it.
pub struct Mitigation {
    pub action: &'static str,
    pub check: &'static str,
    /// Action items that plan this mitigation use these words (regex, case-insensitive).
    pub planned: &'static str,
}

/// One way things go wrong.
pub struct Mechanism {
    pub id: &'static str,
    pub name: &'static str,
    pub kind: Kind,
    /// Language that shows the mechanism (regex, case-insensitive).
    pub cues: &'static str,
    pub mitigations: &'static [Mitigation],
}

const fn m(action: &'static str, check: &'static str, planned: &'static str) -> Mitigation {
    Mitigation { action, check, planned }
}

const STAGED_CONFIG: Mitigation = m(
    "Roll configuration out in stages (canary cell or region first) with automatic rollback on error-rate or latency regression",
    "Config pipeline blocks a global push that skipped the canary stage; rollback fires when the canary's error rate exceeds its baseline",
    r"stag|canary|gradual|progressive|incremental|phased|region by region|rollback|roll back|blast radius",
);
const VALIDATE_CONFIG: Mitigation = m(
    "Validate configuration against a schema and semantic checks before it is accepted (empty, null, duplicate or out-of-range values rejected)",
    "Pre-commit and pre-push validation job fails the change; the serving side rejects an invalid config and keeps the last good one",
    r"validat|schema|lint|sanity|check|reject|last.known.good|fail.(?:open|safe|static)",
);
const CANARY: Mitigation = m(
    "Canary every release on a small slice of traffic with automated canary analysis before it proceeds",
    "Deploy pipeline gate: promotion stops and rolls back automatically when canary metrics differ from the baseline",
    r"canary|stag|gradual|progressive|phased|bake|rollback|roll back|blue.green",
);
const AUTO_ROLLBACK: Mitigation = m(
    "Automatic rollback on SLO burn after a deploy",
    "Post-deploy watcher compares error rate and latency with the pre-deploy window and reverts without a human",
    r"rollback|roll back|revert|automatic",
);
const GUARDED_JOBS: Mitigation = m(
    "Dry-run and blast-radius limits for automation and cleanup jobs (a cap on how much one run may delete or change, protected resources)",
    "Job refuses to act beyond N% of resources or on tagged production resources without a second approval; dry-run diff reviewed in CI",
    r"dry.run|limit|cap|safeguard|guard|protect|approval|review|confirm|allow.?list|deny.?list|soft.delete|backup",
);
const RETRY_BUDGET: Mitigation = m(
    "Retry budgets, exponential backoff with jitter and circuit breakers in clients",
    "Client library enforces a retry budget (e.g. ≤10% extra load) and jittered backoff; load test fails the build when retries amplify load",
    r"retr|backoff|back.off|jitter|circuit.breaker|budget",
);
const LOAD_SHED: Mitigation = m(
    "Admission control and load shedding at the edge, with per-client rate limits",
    "Rate limiter and shedder configured for every public endpoint; alert when shed rate rises",
    r"shed|rate.limit|throttl|admission|quota|backpressure",
);
const CAPACITY_ALERT: Mitigation = m(
    "Capacity headroom alerts and autoscaling tested against peak forecasts",
    "Alert when utilisation passes 70% of provisioned capacity; scheduled load test at forecast peak",
    r"capacity|autoscal|headroom|load.test|provision|scale|limit|alert|monitor",
);
const DEP_ISOLATION: Mitigation = m(
    "Timeouts, circuit breakers and graceful degradation around every external dependency",
    "Chaos test that blackholes the dependency in staging; the build fails if the critical path does not degrade gracefully",
    r"timeout|circuit|fallback|degrad|cache|chaos|isolat|bulkhead",
);
const MULTI_PROVIDER: Mitigation = m(
    "A second provider or region for critical dependencies, with automated failover",
    "Synthetic probe per provider; failover triggers automatically when the primary fails health checks",
    r"second|multi|redundan|failover|fail over|backup provider|alternate|secondary|region",
);
const CERT_MONITOR: Mitigation = m(
    "Certificate and credential expiry monitoring with automated renewal",
    "Daily scan of every endpoint and secret store: page at 30 and 7 days before expiry; renewal job alerts on failure",
    r"cert|expir|renew|rotat|inventory|acme|let.?s encrypt",
);
const TIME_TESTS: Mitigation = m(
    "Test time handling against leap days/seconds, DST changes and clock skew",
    "Test suite runs with a faked clock across edge dates; NTP offset alert on every host",
    r"time|clock|ntp|leap|dst|timezone|time zone|date",
);
const MIGRATION_GUARD: Mitigation = m(
    "Schema migrations with lock timeouts, online (non-blocking) DDL and a rehearsal on production-sized data",
    "Migration runner sets lock_timeout/statement_timeout and aborts when a lock is held too long; CI flags blocking DDL",
    r"lock|timeout|online|migration|ddl|rehears|review|gh-ost|pt-online",
);
const FAILOVER_DRILL: Mitigation = m(
    "Regular failover drills and replication-lag alerts",
    "Scheduled automated failover in staging and production game days; alert on replication lag above threshold",
    r"failover|fail over|drill|replica|replication|lag|game.?day",
);
const ID_LIMITS: Mitigation = m(
    "Monitor ID and counter headroom (sequence, integer width, wraparound)",
    "Alert when any sequence or ID column passes 70% of its type's maximum; lint rejects 32-bit IDs on new tables",
    r"bigint|64.bit|overflow|wraparound|sequence|headroom|\bid\b|ids\b|monitor",
);
const DNS_GUARD: Mitigation = m(
    "Validate and stage DNS changes; keep long-TTL fallbacks and a secondary DNS provider",
    "DNS change pipeline with automated resolution checks from several vantage points before and after the change",
    r"dns|ttl|resolver|secondary|zone|validat",
);
const NETWORK_GUARD: Mitigation = m(
    "Automated pre-checks and staged rollout for routing, BGP, firewall and load-balancer changes",
    "Change tool simulates the route/ACL change and checks reachability; auto-revert when probes fail after apply",
    r"route|bgp|firewall|acl|load.balanc|pre.?check|simulat|revert|peer|filter",
);
const POWER_TEST: Mitigation = m(
    "Regular failover tests of power and cooling (UPS, generators) and capacity to lose a zone",
    "Quarterly automated zone-evacuation exercise; facility telemetry alerts routed to on-call",
    r"power|ups|generator|cool|zone|evacuat|redundan|failover|test",
);
const HW_HEALTH: Mitigation = m(
    "Predictive hardware health checks with automatic draining of failing disks and hosts",
    "SMART/firmware error alerts drain the host automatically; spare capacity checked against N+1",
    r"disk|drive|hardware|health|drain|replace|spare|firmware|smart|redundan",
);
const SECRET_SCAN: Mitigation = m(
    "Secret scanning on every push and short-lived, automatically rotated credentials",
    "Pre-receive hook blocks committed secrets; credentials expire within hours and rotation is automated",
    r"secret|scan|rotat|credential|key|token|vault|short.lived",
);
const DEP_PINNING: Mitigation = m(
    "Pin and verify third-party packages (lockfiles, checksums, provenance) and review new dependencies",
    "CI fails on unpinned or unsigned dependencies and on packages newer than a quarantine window",
    r"pin|lock|checksum|sign|provenance|sbom|review|allow.?list|audit",
);
const LEAST_PRIVILEGE: Mitigation = m(
    "Least-privilege access with automated access reviews",
    "Policy-as-code check rejects broad grants; quarterly automated review revokes unused access",
    r"access|privilege|permission|iam|rbac|review|mfa|2fa|least",
);

/// Every mechanism, most specific first within a kind.
pub const MECHANISMS: &[Mechanism] = &[
    Mechanism {
        id: "global-config-push",
        name: "Global configuration push without staging",
        kind: ConfigChange,
        cues: r"\b(?:global(?:ly)?|all (?:regions|data ?cent(?:er|re)s|servers|hosts|clusters|pops|edge)|every (?:region|server|host|cluster)|fleet-?wide|everywhere|at once|simultaneously|within (?:seconds|minutes)|worldwide|propagat\w*|replicat\w*)\b[^.]{0,80}\b(?:config\w*|settings?|polic(?:y|ies)|rules?|flags?|files?)\b|\b(?:config\w*|settings?|polic(?:y|ies)|rules?|flags?|files?)\b[^.]{0,80}\b(?:global(?:ly)?|all (?:regions|data ?cent(?:er|re)s|servers|hosts|clusters|pops)|fleet-?wide|everywhere|at once|simultaneously|worldwide|propagat\w*|replicat\w*)\b|\bwithout (?:a )?(?:staged|staging|canary|gradual|progressive)",
        mitigations: &[STAGED_CONFIG, VALIDATE_CONFIG],
    },
    Mechanism {
        id: "invalid-config",
        name: "Invalid configuration or data file accepted",
        kind: ConfigChange,
        cues: r"\b(?:invalid|malformed|blank|empty|null|duplicate|oversized|corrupt\w*|unexpected|missing) (?:\w+ )?(?:config\w*|fields?|values?|entries|entry|files?|polic(?:y|ies)|rules?|features?|metadata)\b|\bvalidat\w*|\bnull pointer\b|\bdoubled in size\b",
        mitigations: &[VALIDATE_CONFIG, STAGED_CONFIG],
    },
    Mechanism {
        id: "feature-flag",
        name: "Feature flag flipped in production",
        kind: ConfigChange,
        cues: r"\bfeature[- ]flags?\b|\bflag (?:flip|change)|\b(?:enabled|flipped|toggled) (?:a|the) (?:\w+ )?flag\b",
        mitigations: &[STAGED_CONFIG, AUTO_ROLLBACK],
    },
    Mechanism {
        id: "no-canary",
        name: "Release without an effective canary",
        kind: Deploy,
        cues: r"\b(?:no|without|skipped|bypass\w*|missing|insufficient) (?:a |the )?(?:canary|staged|staging|gradual|progressive)\b|\bcanar(?:y|ies)\b[^.]{0,60}\b(?:did not|didn't|failed to|missed|not)\b|\b(?:all|every) (?:hosts|servers|regions|instances|nodes) at once\b|\bbad (?:build|binary|release|deploy\w*)\b|\bregression\b",
        mitigations: &[CANARY, AUTO_ROLLBACK],
    },
    Mechanism {
        id: "automation-job",
        name: "Automation, migration or cleanup job did damage",
        kind: Deploy,
        cues: r"\b(?:automation|automated|maintenance|cleanup|clean-up|batch|cron|decommission\w*|migration) (?:job|script|tool|task|process|workflow)s?\b|\b(?:deleted|removed|terminated|wiped|purged)\b[^.]{0,40}\b(?:wrong|production|all|instances|servers|data|volumes?|records|repositor\w+)\b",
        mitigations: &[GUARDED_JOBS, CANARY],
    },
    Mechanism {
        id: "retry-storm",
        name: "Retry storm",
        kind: CapacityOverload,
        cues: r"\bretry storms?\b|\bretr(?:y|ies|ied|ying)\b[^.]{0,60}\b(?:amplif\w*|storm|flood\w*|overwhelm\w*|multipl\w*|hammer\w*|aggressive\w*|immediately|without (?:backoff|jitter)|tight loop)|\b(?:no|without) (?:exponential )?(?:backoff|jitter)\b",
        mitigations: &[RETRY_BUDGET, LOAD_SHED],
    },
    Mechanism {
        id: "thundering-herd",
        name: "Thundering herd / cold-cache stampede",
        kind: CapacityOverload,
        cues: r"\bthundering herds?\b|\bstampede\w*|\bcold (?:cache|start)s?\b|\bcache (?:miss(?:es)?|flush\w*|was (?:flushed|emptied|cleared))\b|\b(?:all|every) (?:clients|instances|servers) (?:reconnect\w*|restart\w*)",
        mitigations: &[LOAD_SHED, RETRY_BUDGET],
    },
    Mechanism {
        id: "resource-exhaustion",
        name: "Resource exhaustion",
        kind: CapacityOverload,
        cues: r"\bexhaust\w*|\bout of memory\b|(?-i:\bOOM\w*\b)|\bmemory leak\w*|\bran out of\b|\bdisk (?:space|full)\b|\bconnection pools?\b|\bfile descriptors?\b|\btoo many (?:connections|open files|threads)\b|\bsaturat\w*",
        mitigations: &[CAPACITY_ALERT, LOAD_SHED],
    },
    Mechanism {
        id: "traffic-spike",
        name: "Traffic spike beyond capacity",
        kind: CapacityOverload,
        cues: r"\b(?:traffic|load|request|demand) (?:spike|surge|increase)s?\b|\b(?:unexpected|unprecedented|massive|sudden|record) (?:traffic|load|demand|volume)\b|\bflash crowd\b|\bviral\b|\bDDoS\b",
        mitigations: &[LOAD_SHED, CAPACITY_ALERT],
    },
    Mechanism {
        id: "provider-outage",
        name: "Third-party or cloud provider outage",
        kind: DependencyFailure,
        cues: r"\bthird[- ]part(?:y|ies)\b|\b(?:provider|vendor|supplier|upstream)\b|\b(?:AWS|S3|EC2|GCP|Google Cloud|Azure|Cloudflare|Akamai|Fastly|Stripe|Twilio|GitHub|Heroku|Okta)\b",
        mitigations: &[DEP_ISOLATION, MULTI_PROVIDER],
    },
    Mechanism {
        id: "cert-expiry",
        name: "Certificate or credential expiry",
        kind: TimeCertificate,
        cues: r"\bcert(?:ificate)?s?\b[^.]{0,60}\bexpir\w*|\bexpir\w*[^.]{0,60}\bcert(?:ificate)?s?\b|\bexpired (?:\w+ )?(?:token|credential|key|password|license|licence|domain|secret)s?\b|\bdomain (?:registration )?expir\w*",
        mitigations: &[CERT_MONITOR],
    },
    Mechanism {
        id: "time-handling",
        name: "Leap day/second, DST or clock skew",
        kind: TimeCertificate,
        cues: r"\bleap (?:second|day|year)s?\b|\bclock (?:skew|drift|jump)\w*|(?-i:\bNTP\b)|\btime ?zones?\b|\bdaylight saving\w*|(?-i:\bDST\b)|\bFeb(?:ruary)? 29\b",
        mitigations: &[TIME_TESTS],
    },
    Mechanism {
        id: "migration-lock",
        name: "Schema migration holding locks",
        kind: Database,
        cues: r"\bschema (?:migration|change)s?\b|\bmigrations?\b[^.]{0,60}\blocks?\b|\blocks?\b[^.]{0,60}\bmigrations?\b|\bALTER TABLE\b|\b(?:table|metadata|exclusive) locks?\b|\block(?:ed|ing)? (?:the |a )?tables?\b",
        mitigations: &[MIGRATION_GUARD],
    },
    Mechanism {
        id: "replication-failover",
        name: "Replication or failover failure",
        kind: Database,
        cues: r"\breplica(?:tion|s)?\b|\bfailover\b|\bfailed over\b|\bsplit[- ]brain\b|\bprimary (?:node|instance|database|server)\b|\bpromot\w* (?:a |the )?(?:replica|secondary)",
        mitigations: &[FAILOVER_DRILL],
    },
    Mechanism {
        id: "id-overflow",
        name: "ID, counter or wraparound limit",
        kind: Database,
        cues: r"\b(?:integer|int|id|ids|primary key|sequence|counter) (?:overflow|exhaust\w*|limit|space|max\w*)\b|\bwraparound\b|\b2,?147,?483,?647\b|\b32-bit (?:integer|id|signed)\b|\bmaximum value\b",
        mitigations: &[ID_LIMITS],
    },
    Mechanism {
        id: "dns",
        name: "DNS failure",
        kind: Network,
        cues: r"(?-i:\bDNS\b)|\bnameservers?\b|\bresolvers?\b|(?-i:\bTTL\b)",
        mitigations: &[DNS_GUARD],
    },
    Mechanism {
        id: "routing",
        name: "BGP, routing or firewall change",
        kind: Network,
        cues: r"(?-i:\bBGP\b)|\broute leak\w*|\b(?:route|routing) (?:table|update|change|announcement|withdraw\w*|policy)s?\b|\bfirewall\w*|(?-i:\bACLs?\b)|\bpeering\b|\bload[- ]balanc\w*",
        mitigations: &[NETWORK_GUARD],
    },
    Mechanism {
        id: "power-cooling",
        name: "Power or cooling loss",
        kind: HardwarePower,
        cues: r"\bpower\b|(?-i:\bUPS\b)|\bgenerators?\b|\bcooling\b|\boverheat\w*|\bchillers?\b|\bthermal\b|\btemperature\b|\bbatter(?:y|ies)\b",
        mitigations: &[POWER_TEST],
    },
    Mechanism {
        id: "hardware-fault",
        name: "Disk, storage or host hardware fault",
        kind: HardwarePower,
        cues: r"\b(?:disk|drive|ssd|hdd|raid|nvme|storage|hardware|host|server|memory)s? (?:failure|failed|fault|errors?|died|degraded)\b|\bstorage (?:array|controller)s?\b|\bfirmware\b",
        mitigations: &[HW_HEALTH],
    },
    Mechanism {
        id: "leaked-credentials",
        name: "Leaked or compromised credentials",
        kind: Security,
        cues: r"\b(?:leaked|exposed|compromised|stolen|committed|hard-?coded|public) (?:\w+ )?(?:credentials?|keys?|tokens?|secrets?|passwords?)\b|\bcredential stuffing\b|\bphish\w*",
        mitigations: &[SECRET_SCAN, LEAST_PRIVILEGE],
    },
    Mechanism {
        id: "malicious-package",
        name: "Malicious or hijacked package",
        kind: Security,
        cues: r"\bmalicious (?:package|dependency|version|code|update)s?\b|\bsupply[- ]chain\b|\btyposquat\w*|\bhijack\w* (?:package|account|dependency)",
        mitigations: &[DEP_PINNING],
    },
    Mechanism {
        id: "access-control",
        name: "Access-control gap",
        kind: Security,
        cues: r"\baccess control\b|\bpermissions?\b|\bprivilege\w*|\bunauthori[sz]ed\b|\bpublicly (?:accessible|exposed|readable)\b|(?-i:\bIAM\b)",
        mitigations: &[LEAST_PRIVILEGE],
    },
];

/// Mitigations for a kind when no mechanism stands out.
pub fn kind_mitigations(kind: Kind) -> &'static [Mitigation] {
    match kind {
        ConfigChange => &[STAGED_CONFIG, VALIDATE_CONFIG],
        Deploy => &[CANARY, AUTO_ROLLBACK, GUARDED_JOBS],
        CapacityOverload => &[LOAD_SHED, RETRY_BUDGET, CAPACITY_ALERT],
        DependencyFailure => &[DEP_ISOLATION, MULTI_PROVIDER],
        TimeCertificate => &[CERT_MONITOR, TIME_TESTS],
        Database => &[MIGRATION_GUARD, FAILOVER_DRILL, ID_LIMITS],
        Network => &[NETWORK_GUARD, DNS_GUARD],
        HardwarePower => &[POWER_TEST, HW_HEALTH],
        Security => &[SECRET_SCAN, LEAST_PRIVILEGE, DEP_PINNING],
        Other => &[AUTO_ROLLBACK],
    }
}
