//! The language each failure kind is written in: phrases with a weight (3 decisive, 2
//! strong, 1 suggestive). Written for kinds of language — "retry storm", "expired
//! certificate", "schema migration" — not for particular postmortems, and measured on
//! the labelled corpus (see README).

use super::Kind::{self, *};

/// (kind, pattern, weight). Patterns are case-insensitive; `\b` is an ASCII word boundary.
pub const CUES: &[(Kind, &str, f64)] = &[
    // config-change
    (
        ConfigChange,
        r"\b(?:bad|faulty|incorrect|invalid|erroneous|malformed|broken|wrong|misconfigured|bogus|corrupt(?:ed)?|empty|blank|oversized|duplicate) (?:\w+ )?(?:config(?:uration)?s?|settings?|polic(?:y|ies)|rules?|rulesets?|flags?|data files?|metadata|manifests?|templates?|parameters?|values?|entries|entry)\b",
        3.0,
    ),
    (
        ConfigChange,
        r"\bconfig(?:uration)? (?:change|push|update|rollout|deploy(?:ment)?|error|file|mistake|bug|drift|generat\w*|system|management|distribution)s?\b",
        3.0,
    ),
    (ConfigChange, r"\bmis-?configur\w*", 3.0),
    (
        ConfigChange,
        r"\bfeature[- ]flags?\b|\bflag (?:flip|change)|\b(?:enabled|flipped|toggled|turned on) (?:a|the) (?:\w+ )?flag\b|\bkill[- ]switch",
        2.5,
    ),
    (
        ConfigChange,
        r"\b(?:pushed|rolled out|propagated|replicated|distributed|deployed|applied|published|synced) (?:\w+ ){0,3}(?:config(?:uration)?s?|settings?|polic(?:y|ies)|rules?|flags?)\b",
        2.5,
    ),
    (
        ConfigChange,
        r"\b(?:config(?:uration)?s?|settings?|polic(?:y|ies)|rules?|flags?) (?:\w+ ){0,3}(?:was|were|got) (?:pushed|rolled out|propagated|replicated|distributed|deployed|applied|published|changed|modified|updated)\b",
        2.5,
    ),
    (
        ConfigChange,
        r"\b(?:data|metadata|definition|signature|rules?|channel|feature|policy|values|yaml|json|toml|ini|properties|env|settings) files?\b|\bmanifests?\b|\b(?:changed|edited|modified|updated|lowered|raised|reduced|flipped|reordered|set) (?:the |a |an |our |its )?(?:\w+ ){0,3}(?:settings?|values?|parameters?|limits?|thresholds?|lists?|rules?|entr(?:y|ies)|options?|variables?|weights?|order|defaults?|allowlist|blocklist|denylist)\b",
        1.8,
    ),
    (
        ConfigChange,
        r"\bconfig(?:uration)?s?\b|\bconfigured\b|\bfeature (?:management|toggles?|gates?)\b|\btargeting rules?\b|\b(?:allow|deny|block)-?lists?\b",
        1.2,
    ),
    (
        ConfigChange,
        r"\b(?:rules?|settings?|values?|flags?|lists?|polic(?:y|ies)|parameters?|thresholds?|limits?) (?:is|was|were|got|had been) (?:saved|reordered|changed|edited|modified|updated|set|flipped|enabled|disabled|lowered|raised|published|pushed)\b",
        2.0,
    ),
    (ConfigChange, r"\bpolic(?:y|ies)\b|\brulesets?\b|\bthresholds?\b", 0.7),
    (ConfigChange, r"\btypo\b|\bsettings?\b|\bparameters?\b", 0.5),
    // deploy
    (
        Deploy,
        r"\b(?:bad|faulty|buggy|broken|defective) (?:deploy\w*|release|build|binary|binaries|version|code|commit|patch|update|change)\b",
        3.0,
    ),
    (
        Deploy,
        r"\bcode (?:change|deploy\w*|push|release|bug)s?\b|\bsoftware (?:update|upgrade|release|deploy\w*|change|bug|defect)s?\b",
        2.5,
    ),
    (Deploy, r"\bnew (?:version|release|build|binary|code)\b|\bregression\b|\bcanar(?:y|ies)\b", 2.5),
    (Deploy, r"\bdeploy(?:ment|ments|ed|ing|s)?\b|\brolled out\b|\broll(?:s|ing) out\b|\brollout\b", 2.0),
    (
        Deploy,
        r"\bmigration scripts?\b|\b(?:automation|automated|maintenance|cleanup|clean-up|batch|cron|scripted|decommission\w*) (?:job|script|tool|task|process|system|workflow)s?\b",
        2.5,
    ),
    (
        Deploy,
        r"\b(?:deleted|removed|terminated|wiped|purged|decommissioned)\b[^.]{0,40}\b(?:wrong|production|all|instances|servers|data|volumes?|records|repositor\w+|accounts?)\b",
        2.0,
    ),
    (Deploy, r"\brelease[ds]?\b|\bshipped\b|\bupgrad(?:e|ed|es|ing)\b|\brollback\b|\brolled back\b|\broll back\b|\brevert\w*", 1.3),
    (Deploy, r"\bbugs?\b|\bpatch(?:ed|es)?\b|\bcommits?\b|\bscripts?\b|\bpipelines?\b|\bstaged rollout\b|\bbinary\b|\bbuilds?\b", 0.8),
    // capacity-overload
    (
        CapacityOverload,
        r"\bretry storms?\b|\bthundering herds?\b|\bcache stampede\w*|\bcascad\w* (?:failure|overload)s?\b|\bdeath spiral\b|\bmetastable\b",
        3.0,
    ),
    (
        CapacityOverload,
        r"\boverload\w*|\bexhaust\w*|\bout of memory\b|(?-i:\bOOM\w*\b)|\bmemory (?:pressure|leak|exhaustion)\b|\bresource (?:exhaustion|limits?|contention|starvation)\b",
        2.5,
    ),
    (
        CapacityOverload,
        r"\b(?:traffic|load|request|demand) (?:spike|surge|increase|growth)s?\b|\bspike in (?:traffic|load|requests|demand)\b|\b(?:unexpected|unprecedented|massive|sudden|heavy|high|increased|extreme) (?:traffic|load|demand|volume)\b",
        2.5,
    ),
    (
        CapacityOverload,
        r"\bsaturat\w*|\btoo many (?:connections|requests|open files|threads)\b|\bran out of (?:disk|space|memory|capacity|connections|threads|file)\w*|\bdisk (?:space|full)\b|\b(?:file descriptors?|inodes?|ports?|threads?) (?:were |was )?exhausted\b",
        2.5,
    ),
    (
        CapacityOverload,
        r"\bcapacity\b|\bconnection pools?\b|\bthread pools?\b|\bbacklog\w*\b|\bqueues? (?:backed up|grew|filled)\b|\bautoscal\w*|\bscal(?:e|ed|ing) (?:up|out)\b|\bhot ?spot\w*|\bhot (?:key|shard|partition)\b",
        1.5,
    ),
    (
        CapacityOverload,
        r"\bretr(?:y|ies|ied)\b|\bthrottl\w*|\brate[- ]limit\w*|\bCPU\b|\blatency\b|\btimeouts?\b|\bgarbage collection\b|\bheap\b|\bload\b|\btraffic\b",
        0.6,
    ),
    // dependency-failure
    (
        DependencyFailure,
        r"\bthird[- ]part(?:y|ies)\b|\bexternal (?:service|provider|dependenc\w+|api|vendor|partner)s?\b|\bupstream (?:provider|service|dependenc\w+|outage|failure|issue|incident)s?\b",
        3.0,
    ),
    (
        DependencyFailure,
        r"\b(?:provider|vendor|supplier|upstream|third[- ]party|partner|processor)(?:'s)?\b[^.;]{0,60}\b(?:outage|incident|fail\w*|degrad\w*|went down|was down|were down|unavailab\w*|disruption|errors?|broke|stopped|timing out|timed out)\b|\b(?:outage|incident|failure|degradation|disruption|errors?)\b[^.;]{0,40}\b(?:at|in|of|from) (?:our|a|the|their|an) (?:\w+ )?(?:provider|vendor|supplier|upstream|partner|processor)\b",
        2.5,
    ),
    (
        DependencyFailure,
        r"\b(?:AWS|Amazon|S3|EC2|GCP|Google Cloud|Azure|Cloudflare|Akamai|Fastly|Stripe|Twilio|GitHub|Heroku|DigitalOcean|Linode|Okta|PagerDuty|Let's Encrypt|Auth0|SendGrid|Datadog|Slack)(?:'s)? (?:\w+ ){0,2}(?:outage|failure|disruption|degradation|went down|was down)\b",
        2.0,
    ),
    (
        DependencyFailure,
        r"\b(?:outage|incident|failure|issues?|degradation|disruption|problems?) (?:at|in|of|with|on) (?:AWS|Amazon|S3|EC2|GCP|Google Cloud|Azure|Cloudflare|Akamai|Fastly|Stripe|Twilio|GitHub|Heroku|our provider|a provider|the provider|upstream|a vendor|our vendor|a third)",
        2.0,
    ),
    (
        DependencyFailure,
        r"\boutside (?:of )?our control\b|\bout of our control\b|\bbeyond our control\b|\bwe depend on\b|\bwe rely on\b|\brelies on\b|\bdepends on\b",
        2.0,
    ),
    (DependencyFailure, r"\bdependenc(?:y|ies)\b|\bupstream\b|\bvendors?\b|\bproviders?\b|\bpartners?\b", 1.2),
    // time-certificate
    (
        TimeCertificate,
        r"\bleap (?:second|day|year)s?\b|\bclock (?:skew|drift|jump|change|sync\w*)s?\b|(?-i:\bNTP\b)|\btime ?zones?\b|\bdaylight saving\w*|(?-i:\bDST\b)|\bFeb(?:ruary)? 29\b|\bY2K\b|\b2038\b|\bend of (?:the )?(?:year|month) rollover\b",
        3.0,
    ),
    (
        TimeCertificate,
        r"\bcert(?:ificate)?s? (?:had |has |have )?(?:expir\w*|renewal|rotation|lapsed)|\bexpired (?:\w+ )?(?:certificate|cert|ssl|tls|token|credential|key|password|license|licence|domain|secret|signature)s?\b|\bdomain (?:registration )?expir\w*",
        3.0,
    ),
    (
        TimeCertificate,
        r"\b(?:ssl|tls|x\.?509|root|intermediate|ca|signing) cert(?:ificate)?s?\b|\bexpir(?:y|ation|ed|es|ing)\b|\b(?:date|time) (?:handling|calculation|arithmetic|bug|overflow|parsing|math|logic|comparison)\b",
        2.5,
    ),
    (TimeCertificate, r"\bcert(?:ificate)?s?\b|\brenew\w*|\bepoch\b|\bsystem clock\b|\bclocks?\b", 1.2),
    (TimeCertificate, r"\btimestamps?\b|\bmidnight\b|\bcalendar\b", 0.5),
    // database
    (
        Database,
        r"\bschema (?:migration|change|update|alteration)s?\b|\b(?:database|db|sql) (?:migration|failover|outage|lock|locks|replica|replicas|primary|master|cluster|server|servers|overload|corruption|upgrade|schema|node|nodes|instance|engine)\b",
        3.0,
    ),
    (
        Database,
        r"\breplication (?:lag|delay|failure|broke|stopped|error|issue)s?\b|\bsplit[- ]brain\b|\bwraparound\b|\bvacuum\w*|\bstorage engine\b|\bdeadlock\w*",
        3.0,
    ),
    (
        Database,
        r"\b(?:table|row|metadata|schema|exclusive|advisory) locks?\b|\block(?:ed|ing)? (?:the |a )?tables?\b|\b(?:integer|int|id|ids|primary key|sequence|counter) (?:overflow|exhaust\w*|limit|space)\b|\b2,?147,?483,?647\b|\b32-bit (?:integer|id|signed)\b|\bALTER TABLE\b",
        3.0,
    ),
    (
        Database,
        r"\b(?:MySQL|Postgres(?:QL)?|MongoDB|Redis|Cassandra|DynamoDB|Elasticsearch|etcd|ZooKeeper|CockroachDB|Spanner|Aurora|RDS|SQL Server|Oracle|MariaDB|Galera|Bigtable|HBase|Couchbase|ClickHouse|SQLite|InnoDB)\b",
        1.5,
    ),
    (
        Database,
        r"\bdatabases?\b|\bDBs?\b|\bfailover\b|\bfailed over\b|\breplica(?:s|tion|ted)?\b|\bprimary (?:node|instance|database|server)\b|\bslow quer\w*|\bindex(?:es|ing)?\b",
        1.5,
    ),
    (Database, r"\bshards?\b|\bsharding\b|\bquer(?:y|ies)\b|\btransactions?\b|\btables?\b|\bbackups?\b|\bcorrupt\w*|\brows?\b", 0.6),
    // network
    (
        Network,
        r"\bBGP\b|\broute leak\w*|\b(?:route|routing) (?:table|update|change|announcement|withdraw\w*|policy|loop)s?\b|\bfib(?:er|re) (?:cut|damage)\b|\bnetwork partition\w*|\bpacket loss\b",
        3.0,
    ),
    (
        Network,
        r"\bDNS\b|\bnameservers?\b|\bresolvers?\b|\b(?:network|connectivity) (?:outage|failure|issue|problem|disruption|congestion|change|maintenance|device|hardware|equipment|link|upgrade)s?\b",
        2.5,
    ),
    (
        Network,
        r"\bload[- ]balanc\w*[^.;]{0,40}\b(?:fail\w*|outage|drop\w*|misrout\w*|unhealthy|removed|withdr\w*)|\bfirewall\w*[^.;]{0,40}\b(?:block\w*|drop\w*|denied|rejected)|\bpeering\b|\bbackbone\b|\banycast\b|\brouters?\b|\b(?:network|core|top-of-rack|ToR|aggregation) switch(?:es)?\b|\btransit\b|\binterconnect\w*",
        2.0,
    ),
    (
        Network,
        r"\bload[- ]balanc\w*|\bfirewall\w*|\bconnectivity\b|\bACLs?\b|\bVPCs?\b|\bsubnets?\b|\bMTU\b|\bVLANs?\b|\bIP address\w*|\bPoPs?\b|\bedge (?:network|nodes?|servers?)\b|\bCDN\b|\bregistrar\b|\brouting\b|\broutes?\b",
        1.2,
    ),
    // A company's own "network" (a CDN's, a payment network) is not a network failure.
    (Network, r"\bnetwork\b|\bTCP\b|\bUDP\b|\blinks?\b|\bproxy\b|\bproxies\b|\bingress\b|\bgateway\b", 0.5),
    // hardware-power
    (
        HardwarePower,
        r"\bpower (?:outage|failure|loss|cut|supply|event|grid|surge|disruption|issue|interruption|feed|distribution)s?\b|\b(?:lost|loss of) (?:utility )?power\b|\bpower was lost\b|\butility power\b",
        3.0,
    ),
    (
        HardwarePower,
        r"\b(?:disk|drive|ssd|hdd|raid|nvme|hard drive|storage)s? (?:failure|failed|fail|fault|errors?|died|degraded)\b|\bhardware (?:failure|fault|issue|problem|error|defect)s?\b|\bstorage (?:array|controller|subsystem)s?\b",
        3.0,
    ),
    (
        HardwarePower,
        r"(?-i:\bUPS\b)|\bgenerators?\b|(?-i:\bPDUs?\b)|\bbreakers? (?:tripped|trip|opened)\b|\btripped (?:a |the )?breakers?\b|\bswitchgear\b|\btransfer switch\b|\bcooling\b|\boverheat\w*|\bchillers?\b|\bHVAC\b|\bthermal\b|\bbattery\b|\bbatteries\b",
        2.5,
    ),
    (
        HardwarePower,
        r"\bhardware\b|\bdata ?cent(?:er|re)s?\b|\bfacilit(?:y|ies)\b|\b(?:lightning|storm|hurricane|flood\w*|earthquake|heat ?wave|weather)\b|\btemperatures?\b|\bfirmware\b|(?-i:\bDIMMs?\b)|\bphysical (?:host|server|machine)s?\b|(?-i:\bSAN\b)",
        1.5,
    ),
    (HardwarePower, r"\bracks?\b|\bdisks?\b|\bdrives?\b|\bvolumes?\b|\bfire\b", 0.6),
    // security
    (
        Security,
        r"\b(?:leaked|exposed|compromised|stolen|hijacked|phished) (?:\w+ )?(?:credentials?|keys?|tokens?|secrets?|passwords?|accounts?|sessions?)\b|\bmalware\b|\bransomware\b|\bphishing\b|\bsocial engineering\b|\bsupply[- ]chain\b|\btyposquat\w*|\bbackdoor\w*|\bthreat actors?\b|\bintrus\w*|\bhack(?:er|ers|ed)\b|\bcredential stuffing\b|\bbrute[- ]force\b",
        3.0,
    ),
    (
        Security,
        r"\bcompromis\w*|\bbreach\w*|\battackers?\b|\bmalicious\b|\bunauthori[sz]ed\b|\bvulnerabilit\w*|\bexploit\w*|\bCVE-\d+|\bsecurity (?:incident|breach|issue|researcher|vulnerability|team)\b|\bdata (?:leak|exposure)\b|\bpublicly (?:accessible|exposed|readable)\b",
        2.5,
    ),
    (
        Security,
        r"\battack(?:s|ed)?\b|\baccess control\b|\bpermissions?\b|\bprivilege\w*|(?-i:\bIAM\b)|(?-i:\bRBAC\b)|\bauthori[sz]ation\b|\bimpersonat\w*|\bleak(?:ed)?\b|\bstolen\b",
        1.5,
    ),
    (Security, r"\bsecurity\b|\bAPI keys?\b|\baccess tokens?\b|\bsecrets?\b|\bcredentials?\b|\bpasswords?\b", 0.8),
];
