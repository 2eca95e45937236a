//! A city-sized synthetic scenario, written as scenario text, for measuring the engine.
//!
//! It follows the Zhengzhou case — a depositor list, night-time batch jobs on it, their
//! reversal, a confirmed case, risk areas, a traveller from abroad — but its crowds are
//! sized by `units`: each unit adds [`PEOPLE_PER_UNIT`] generated people and
//! [`EVENTS_PER_UNIT`] generated events, so [`FULL_SCALE`] units make 200,000 people and
//! 2,000,000 events. The text stays a few hundred lines at any size: crowds, not people.
//!
//! Benches, the `scale` example and tests all build their scenario here, so they measure
//! the same city. The text is a pure function of `units`: no randomness, no clock.
//! [`write_file`] saves it, so that anyone can open the city with `redcode play FILE`.

use std::fmt::Write;

use crate::scenario::model::Scenario;

/// Units that make the full-size city: 200,000 people and 2,000,000 events.
pub const FULL_SCALE: u32 = 100;

/// Generated people per unit, companions included.
pub const PEOPLE_PER_UNIT: u64 = 2_000;

/// Generated events per unit: every member's itinerary, companions' copies included.
pub const EVENTS_PER_UNIT: u64 = 20_000;

/// One crowd of the synthetic city, with its size per unit.
struct CrowdSpec {
    id: &'static str,
    prefix: &'static str,
    /// Members per unit.
    count: u32,
    /// Companions per unit (the first members travel with one).
    companions: u32,
    tags: &'static str,
    depositor: bool,
    home_cities: &'static str,
    start_from: &'static str,
    start_to: &'static str,
    /// `Step(...)` bodies, one per itinerary step.
    itinerary: &'static [&'static str],
}

const BANKS: &str = r#""bank:yuzhou-xinminsheng", "bank:shangcai-huimin", "bank:zhecheng-huanghuai", "bank:kaifeng-new-oriental""#;
const SURNAMES: &str = r#""Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo""#;
const GIVEN_NAMES: &str = r#""Wei", "Fang", "Na", "Min", "Jing", "Lei", "Jun", "Yan", "Yong", "Hui", "Qiang", "Li", "Tao", "Ming", "Chao", "Xiu", "Ping", "Gang", "Hong", "Juan""#;
const ELSEWHERE: &str = r#""shanghai", "beijing", "guangzhou", "shenzhen", "wuhan", "hefei", "jinan", "xuchang", "kaifeng", "zhumadian", "shangqiu""#;
const CITY_VENUES: &str = r#""jinshui-market", "erqi-office", "pboc-branch", "jianshe-mall", "jianshe-tea", "guancheng-market", "guancheng-office", "zhengdong-mall", "erqi-clinic""#;

/// The crowds. Per unit: 2,000 people and 20,000 events (see the tests).
const CROWDS: &[CrowdSpec] = &[
    CrowdSpec {
        id: "depositors-by-train",
        prefix: "dep-train",
        count: 200,
        companions: 50,
        tags: r#""depositor""#,
        depositor: true,
        home_cities: ELSEWHERE,
        start_from: "2022-06-10 06:00",
        start_to: "2022-06-13 15:00",
        itinerary: &[
            r#"action: ArrivalForm(city: "zhengzhou", transport: Train)"#,
            r#"delay_min: 60, delay_max: 600, action: Carrier(city: None)"#,
            r#"delay_min: 240, delay_max: 480, action: Carrier(city: Some("zhengzhou"))"#,
            r#"delay_min: 0, delay_max: 20, action: Scan(venues: ["zz-east-exit", "zz-station-exit"])"#,
            r#"delay_min: 30, delay_max: 120, action: Scan(venues: ["hotel-erqi", "hotel-jinshui", "hotel-zhengdong"])"#,
            r#"delay_min: 60, delay_max: 600, action: Scan(venues: ["pboc-branch"])"#,
            r#"delay_min: 60, delay_max: 600, action: Carrier(city: Some("zhengzhou"))"#,
            r#"delay_min: 60, delay_max: 720, action: Scan(venues: ["jinshui-market", "zhengdong-mall", "jianshe-mall"])"#,
        ],
    },
    CrowdSpec {
        id: "depositors-by-air",
        prefix: "dep-air",
        count: 50,
        companions: 10,
        tags: r#""depositor""#,
        depositor: true,
        home_cities: r#""shanghai", "beijing", "guangzhou", "shenzhen""#,
        start_from: "2022-06-10 06:00",
        start_to: "2022-06-13 15:00",
        itinerary: &[
            r#"action: Carrier(city: None)"#,
            r#"delay_min: 120, delay_max: 240, action: Carrier(city: Some("zhengzhou"))"#,
            r#"delay_min: 0, delay_max: 15, action: Scan(venues: ["zz-airport"])"#,
            r#"delay_min: 60, delay_max: 120, action: Scan(venues: ["hotel-airport", "hotel-jinshui", "hotel-zhengdong"])"#,
            r#"delay_min: 60, delay_max: 600, action: Scan(venues: ["pboc-branch"])"#,
            r#"delay_min: 60, delay_max: 600, action: Carrier(city: Some("zhengzhou"))"#,
            r#"delay_min: 60, delay_max: 720, action: Scan(venues: ["zhengdong-mall", "jinshui-market"])"#,
            r#"delay_min: 600, delay_max: 1440, action: Carrier(city: None)"#,
        ],
    },
    CrowdSpec {
        id: "depositors-remote",
        prefix: "dep-remote",
        count: 360,
        companions: 0,
        tags: r#""depositor""#,
        depositor: true,
        home_cities: ELSEWHERE,
        start_from: "2022-06-10 08:00",
        start_to: "2022-06-13 23:00",
        itinerary: &[
            r#"action: Carrier(city: None)"#,
            r#"delay_min: 5, delay_max: 600, action: Scan(venues: ["zz-east-exit"])"#,
            r#"delay_min: 30, delay_max: 300, action: Carrier(city: None)"#,
            r#"delay_min: 60, delay_max: 600, action: Scan(venues: ["hotel-zhengdong"])"#,
            r#"delay_min: 30, delay_max: 300, action: Carrier(city: None)"#,
        ],
    },
    CrowdSpec {
        id: "depositors-stayed-home",
        prefix: "dep-home",
        count: 130,
        companions: 0,
        tags: r#""depositor""#,
        depositor: true,
        home_cities: ELSEWHERE,
        start_from: "2022-06-10 08:00",
        start_to: "2022-06-14 08:00",
        itinerary: &[
            r#"action: Carrier(city: None)"#,
            r#"delay_min: 60, delay_max: 1440, action: Test(positive: false)"#,
            r#"delay_min: 60, delay_max: 1440, action: Carrier(city: None)"#,
            r#"delay_min: 60, delay_max: 1440, action: Test(positive: false)"#,
        ],
    },
    CrowdSpec {
        id: "travellers",
        prefix: "trav",
        count: 400,
        companions: 0,
        tags: r#""traveller""#,
        depositor: false,
        home_cities: ELSEWHERE,
        start_from: "2022-06-09 06:00",
        start_to: "2022-06-18 18:00",
        itinerary: &[
            r#"action: Carrier(city: None)"#,
            r#"delay_min: 0, delay_max: 60, action: ArrivalForm(city: "zhengzhou", transport: Train)"#,
            r#"delay_min: 240, delay_max: 480, action: Carrier(city: Some("zhengzhou"))"#,
            r#"delay_min: 0, delay_max: 20, action: Scan(venues: ["zz-east-exit", "zz-station-exit"])"#,
            r#"delay_min: 30, delay_max: 120, action: Scan(venues: ["hotel-erqi", "hotel-jinshui", "hotel-zhengdong", "erqi-office"])"#,
            r#"delay_min: 60, delay_max: 600, action: Scan(venues: ["erqi-office", "guancheng-office", "jinshui-market"])"#,
            r#"delay_min: 60, delay_max: 720, action: Test(positive: false)"#,
            r#"delay_min: 60, delay_max: 600, action: Scan(venues: ["zhengdong-mall", "jianshe-mall"])"#,
            r#"delay_min: 60, delay_max: 600, action: Carrier(city: Some("zhengzhou"))"#,
            r#"delay_min: 60, delay_max: 1440, action: Scan(venues: ["zz-east-exit", "zz-station-exit", "zz-airport"])"#,
        ],
    },
    CrowdSpec {
        id: "residents",
        prefix: "res",
        count: 800,
        companions: 0,
        tags: r#""resident""#,
        depositor: false,
        home_cities: r#""zhengzhou""#,
        start_from: "2022-06-09 07:00",
        start_to: "2022-06-16 20:00",
        itinerary: &[
            r#"action: Carrier(city: Some("zhengzhou"))"#,
            "delay_min: 10, delay_max: 240, action: Scan(venues: CITY)",
            "delay_min: 60, delay_max: 600, action: Scan(venues: CITY)",
            "delay_min: 60, delay_max: 720, action: Test(positive: false)",
            "delay_min: 60, delay_max: 600, action: Scan(venues: CITY)",
            "delay_min: 60, delay_max: 600, action: Scan(venues: CITY)",
            "delay_min: 120, delay_max: 1440, action: Test(positive: false)",
            r#"delay_min: 60, delay_max: 600, action: Carrier(city: Some("zhengzhou"))"#,
            "delay_min: 60, delay_max: 600, action: Scan(venues: CITY)",
            "delay_min: 60, delay_max: 600, action: Scan(venues: CITY)",
            "delay_min: 120, delay_max: 1440, action: Test(positive: false)",
            "delay_min: 60, delay_max: 600, action: Scan(venues: CITY)",
            "delay_min: 60, delay_max: 600, action: Scan(venues: CITY)",
            "delay_min: 120, delay_max: 1440, action: Test(positive: false)",
        ],
    },
];

/// Everything but the crowds: places, rules, roles, officials, named people, documents,
/// events and the answer key. `CROWDS` marks where the crowds go.
const FRAME: &str = r#"// A synthetic city for measuring the engine at scale, modelled on the Zhengzhou case.
// People are generated; the chain of orders and the batch jobs follow the case.
Scenario(
    schema_version: 2,
    id: "scale-city",
    title: "Scale city: the Zhengzhou case at UNITS units",
    briefing: "A synthetic city the size of a district, for measuring the engine. Listed depositors are red-coded by night-time batch jobs; a case, risk areas and tests give the rules work too.",
    start: "2022-06-09 00:00",
    end: "2022-06-24 23:59",
    seed: 20220613,

    systems: [
        CodeSystem(id: "henan-code", name: "Henan health code"),
        CodeSystem(id: "shanghai-code", name: "Shanghai health code"),
        CodeSystem(id: "beijing-code", name: "Beijing health kit"),
        CodeSystem(id: "guangdong-code", name: "Guangdong health code"),
        CodeSystem(id: "hubei-code", name: "Hubei health code"),
        CodeSystem(id: "anhui-code", name: "Anhui health code"),
        CodeSystem(id: "shandong-code", name: "Shandong health code"),
    ],
    cities: [
        City(id: "zhengzhou", name: "Zhengzhou", province: "Henan", system: "henan-code"),
        City(id: "xuchang", name: "Xuchang", province: "Henan", system: "henan-code"),
        City(id: "kaifeng", name: "Kaifeng", province: "Henan", system: "henan-code"),
        City(id: "zhumadian", name: "Zhumadian", province: "Henan", system: "henan-code"),
        City(id: "shangqiu", name: "Shangqiu", province: "Henan", system: "henan-code"),
        City(id: "shanghai", name: "Shanghai", province: "Shanghai", system: "shanghai-code"),
        City(id: "beijing", name: "Beijing", province: "Beijing", system: "beijing-code"),
        City(id: "guangzhou", name: "Guangzhou", province: "Guangdong", system: "guangdong-code"),
        City(id: "shenzhen", name: "Shenzhen", province: "Guangdong", system: "guangdong-code"),
        City(id: "wuhan", name: "Wuhan", province: "Hubei", system: "hubei-code"),
        City(id: "hefei", name: "Hefei", province: "Anhui", system: "anhui-code"),
        City(id: "jinan", name: "Jinan", province: "Shandong", system: "shandong-code"),
    ],
    districts: [
        District(id: "zhengdong", name: "Zhengdong New District", city: "zhengzhou"),
        District(id: "erqi", name: "Erqi District", city: "zhengzhou"),
        District(id: "jinshui", name: "Jinshui District", city: "zhengzhou"),
        District(id: "xinzheng", name: "Xinzheng (airport)", city: "zhengzhou"),
        District(id: "jianshe-block", name: "Zhongyuan District, Jianshe Road block", city: "zhengzhou"),
        District(id: "guancheng", name: "Guancheng Hui District", city: "zhengzhou"),
    ],
    venues: [
        Venue(id: "zz-east-exit", name: "Zhengzhou East Station, north exit", kind: StationExit, city: "zhengzhou", district: Some("zhengdong"), x: 62, y: 30, place_code: "ZZ-ZD-0001"),
        Venue(id: "zz-station-exit", name: "Zhengzhou Station, west exit", kind: StationExit, city: "zhengzhou", district: Some("erqi"), x: 20, y: 34, place_code: "ZZ-EQ-0107"),
        Venue(id: "zz-airport", name: "Xinzheng Airport, T2 arrivals", kind: Airport, city: "zhengzhou", district: Some("xinzheng"), x: 70, y: 80, place_code: "ZZ-XZ-2001"),
        Venue(id: "hotel-erqi", name: "Erqi Square Business Hotel", kind: Hotel, city: "zhengzhou", district: Some("erqi"), x: 24, y: 36, place_code: "ZZ-EQ-3310"),
        Venue(id: "hotel-jinshui", name: "Jinshui Road Guesthouse", kind: Hotel, city: "zhengzhou", district: Some("jinshui"), x: 40, y: 20, place_code: "ZZ-JS-1204"),
        Venue(id: "hotel-zhengdong", name: "Zhengdong Garden Hotel", kind: Hotel, city: "zhengzhou", district: Some("zhengdong"), x: 60, y: 26, place_code: "ZZ-ZD-0456"),
        Venue(id: "hotel-airport", name: "Airport Express Hotel", kind: Hotel, city: "zhengzhou", district: Some("xinzheng"), x: 72, y: 78, place_code: "ZZ-XZ-2210"),
        Venue(id: "pboc-branch", name: "People's Bank of China, Zhengzhou Central Sub-branch", kind: BankOffice, city: "zhengzhou", district: Some("jinshui"), x: 38, y: 24, place_code: "ZZ-JS-0009"),
        Venue(id: "jianshe-mall", name: "Jianshe Road Mall", kind: Mall, city: "zhengzhou", district: Some("jianshe-block"), x: 14, y: 22, place_code: "ZZ-ZY-5120"),
        Venue(id: "jianshe-tea", name: "Jianshe Road tea shop", kind: Shop, city: "zhengzhou", district: Some("jianshe-block"), x: 15, y: 23, place_code: "ZZ-ZY-5133"),
        Venue(id: "jinshui-market", name: "Jinshui fresh market", kind: Shop, city: "zhengzhou", district: Some("jinshui"), x: 42, y: 18, place_code: "ZZ-JS-2087"),
        Venue(id: "erqi-office", name: "Erqi tower office block", kind: Office, city: "zhengzhou", district: Some("erqi"), x: 26, y: 32, place_code: "ZZ-EQ-0800"),
        Venue(id: "erqi-clinic", name: "Erqi community clinic", kind: Clinic, city: "zhengzhou", district: Some("erqi"), x: 22, y: 40, place_code: "ZZ-EQ-0912"),
        Venue(id: "zhengdong-mall", name: "Zhengdong CBD mall", kind: Mall, city: "zhengzhou", district: Some("zhengdong"), x: 58, y: 22, place_code: "ZZ-ZD-0777"),
        Venue(id: "guancheng-market", name: "Guancheng wholesale market", kind: Shop, city: "zhengzhou", district: Some("guancheng"), x: 34, y: 44, place_code: "ZZ-GC-1300"),
        Venue(id: "guancheng-office", name: "Guancheng logistics office", kind: Office, city: "zhengzhou", district: Some("guancheng"), x: 36, y: 46, place_code: "ZZ-GC-1412"),
    ],

    rules: [
        Rule(id: "case-positive", name: "Confirmed case", system: "henan-code", trigger: PositiveTest, colour: Red, duration_days: Some(14), lifted_by_tests: false, reason: "confirmed-case"),
        Rule(id: "close-contact", name: "Close contact of a case", system: "henan-code", trigger: CaseVisit(padding_minutes: 0), colour: Red, duration_days: Some(7), lifted_by_tests: false, reason: "close-contact"),
        Rule(id: "overlap", name: "Spatio-temporal overlap with a case", system: "henan-code", trigger: CaseOverlap(padding_minutes: 120), colour: Yellow, duration_days: Some(3), lifted_by_tests: true, reason: "overlap"),
        Rule(id: "high-risk-stay", name: "Stay in a high-risk area", system: "henan-code", trigger: AreaStay(level: High), colour: Red, duration_days: Some(7), lifted_by_tests: false, reason: "high-risk-area"),
        Rule(id: "medium-risk-stay", name: "Stay in a medium-risk area", system: "henan-code", trigger: AreaStay(level: Medium), colour: Yellow, duration_days: Some(3), lifted_by_tests: true, reason: "medium-risk-area"),
        Rule(id: "inbound-quarantine", name: "Arrival from abroad under quarantine", system: "henan-code", trigger: InboundQuarantine, colour: Red, duration_days: Some(10), lifted_by_tests: false, reason: "inbound-quarantine"),
        Rule(id: "missed-test", name: "Missed mass test", system: "henan-code", trigger: MissedTest, colour: Yellow, lifted_by_tests: true, reason: "missed-test"),
        Rule(id: "two-negatives", name: "Two negative tests in three days", system: "henan-code", trigger: NegativeTests(count: 2, within_days: 3), colour: Green, reason: "cleared"),
    ],
    reasons: [
        Reason(id: "confirmed-case", text: "confirmed case", requires: PositiveTest),
        Reason(id: "close-contact", text: "close contact under quarantine medical observation", requires: ContactWithCase),
        Reason(id: "overlap", text: "spatio-temporal overlap with a case", requires: MediumRiskOrOverlap),
        Reason(id: "high-risk-area", text: "stay in a high-risk area", requires: HighRiskStay),
        Reason(id: "medium-risk-area", text: "stay in a medium-risk area", requires: MediumRiskOrOverlap),
        Reason(id: "inbound-quarantine", text: "inbound traveller under centralised or home quarantine medical observation", requires: ArrivalFromAbroad),
        Reason(id: "missed-test", text: "missed the regular mass test", requires: MissedTest),
        Reason(id: "cleared", text: "two negative tests in three days", requires: Nothing),
    ],
    roles: [
        Role(id: "cdc-epidemiologist", name: "CDC epidemiologist", may_assign: [Green, Yellow, Red], requires_basis: true, description: "Assigns codes to contacts found by investigation, one at a time."),
        Role(id: "health-code-group", name: "Health-code management group", may_assign: [Green, Yellow, Red], requires_basis: true, may_batch: true, description: "Runs the code platform; executes batches that must carry an epidemiological basis."),
        Role(id: "data-contractor", name: "Platform technical contractor", requires_basis: true, description: "Maintains the platform; no authority to assign codes."),
        Role(id: "political-legal", name: "Political-legal and social-control officials", description: "No code authority at all."),
        Role(id: "youth-league", name: "Youth League officials", description: "No code authority at all."),
    ],
    officials: [
        Official(id: "feng-jianguo", name: "Feng Jianguo", post: "Head, social-control guidance department", organisation: "Zhengzhou Municipal Party Committee", role: "political-legal"),
        Official(id: "lu-xiaoming", name: "Lu Xiaoming", post: "Deputy head, social-control guidance department", organisation: "Zhengzhou Communist Youth League", role: "youth-league"),
        Official(id: "zhao-hongwei", name: "Zhao Hongwei", post: "Director, stability-maintenance guidance office", organisation: "Zhengzhou Political-Legal Commission", role: "political-legal"),
        Official(id: "chen-yuting", name: "Chen Yuting", post: "Leader of the health-code management group", organisation: "Zhengzhou Municipal Big Data Bureau", role: "health-code-group", account: Some("bdb-hcg-01"), system: Some("henan-code")),
        Official(id: "wang-lei", name: "Wang Lei", post: "Deputy general manager", organisation: "Zhengzhou state-owned big-data development company", role: "data-contractor", account: Some("zzbd-ops-07"), system: Some("henan-code")),
        Official(id: "sun-meilin", name: "Sun Meilin", post: "Epidemiologist, field investigation team", organisation: "Zhengzhou Center for Disease Control and Prevention", role: "cdc-epidemiologist", account: Some("cdc-epi-14"), system: Some("henan-code")),
    ],

    people: [
        Person(id: "lin-xiu", name: "Lin Xiu", home_city: "shanghai", tags: ["depositor", "bank:yuzhou-xinminsheng"]),
        Person(id: "zhou-bin", name: "Zhou Bin", home_city: "shanghai", tags: ["companion"], companion_of: Some("lin-xiu")),
        Person(id: "tao-min", name: "Tao Min", home_city: "hefei", tags: ["depositor", "bank:shangcai-huimin"]),
        Person(id: "he-yan", name: "He Yan", home_city: "xuchang", tags: ["depositor", "bank:yuzhou-xinminsheng"]),
        Person(id: "jia-lei", name: "Jia Lei", home_city: "zhengzhou", tags: ["resident", "case"]),
        Person(id: "case-two", name: "Bai Rong", home_city: "zhengzhou", tags: ["resident", "case"]),
        Person(id: "res-guo", name: "Guo Qian", home_city: "zhengzhou", tags: ["resident"]),
        Person(id: "res-han", name: "Han Tao", home_city: "zhengzhou", tags: ["resident"]),
        Person(id: "res-luo", name: "Luo Ping", home_city: "zhengzhou", tags: ["resident"]),
        Person(id: "res-zhu", name: "Zhu Lan", home_city: "zhengzhou", tags: ["resident"]),
        Person(id: "res-qiao", name: "Qiao Fen", home_city: "zhengzhou", tags: ["resident"]),
        Person(id: "res-ma", name: "Ma Li", home_city: "zhengzhou", tags: ["resident"]),
        Person(id: "deng-hao", name: "Deng Hao", home_city: "zhengzhou", tags: ["resident", "traveller-abroad"]),
    ],

    crowds: [
CROWDS    ],

    lists: [
        PersonList(id: "depositor-list", name: "List of depositors' ID numbers", compiled_by: "zhao-hongwei", document: Some("doc-list"), members: ["lin-xiu", "tao-min", "he-yan"]),
    ],

    documents: [
        Document(id: "doc-meeting", title: "Social-control guidance department: notes of a meeting", kind: Directive, available_from: "2022-06-17 10:00", author: "feng-jianguo", body: "Decided: depositors coming to the city are to be given red health codes."),
        Document(id: "doc-list", title: "List of depositors' ID numbers", kind: List, available_from: "2022-06-17 10:00", author: "zhao-hongwei", body: "Depositors of the four banks, pushed to the code platform for matching against place-code scans."),
        Document(id: "doc-instruction", title: "Work instruction: persons coming to Zhengzhou about the village banks", kind: Directive, available_from: "2022-06-17 10:00", author: "zhao-hongwei", body: "Persons on the attached list who scan a place code in Zhengzhou are to be assigned a red code. Use the reason \"inbound traveller\". Run the matching at night."),
        Document(id: "doc-case-notice", title: "Notice: confirmed cases, Zhongyuan and Zhengdong", kind: Notice, available_from: "2022-06-12 20:00", author: "Zhengzhou Municipal Health Commission", body: "Places visited by confirmed cases are listed; people there at those times are close contacts."),
        Document(id: "doc-investigation", title: "Field investigation record: case Jia", kind: InvestigationRecord, available_from: "2022-06-12 23:00", author: "sun-meilin", body: "The case shared a meal with a neighbour, Qiao Fen: a close contact.", concerns: ["res-qiao"]),
    ],

    events: [
        Event(at: "2022-06-10 09:00", what: Decision(id: "dec-depositors", by: ["feng-jianguo", "lu-xiaoming"], summary: "Depositors coming to Zhengzhou are to be given red codes", document: Some("doc-meeting"))),
        Event(at: "2022-06-10 11:00", what: Order(id: "ord-instruct", from: "feng-jianguo", to: ["zhao-hongwei", "chen-yuting", "wang-lei"], summary: "Assign red codes to listed depositors who scan codes in Zhengzhou", document: Some("doc-meeting"), follows: ["dec-depositors"])),
        Event(at: "2022-06-10 17:00", what: Order(id: "ord-list", from: "zhao-hongwei", to: ["chen-yuting", "wang-lei"], summary: "The depositor list and the work instruction", document: Some("doc-instruction"), follows: ["ord-instruct"])),

        Event(at: "2022-06-10 16:00", what: InboundArrival(person: "deng-hao", from_country: "Thailand", home_quarantine: true)),

        Event(at: "2022-06-10 20:30", what: ArrivalForm(person: "lin-xiu", city: "zhengzhou", transport: Train)),
        Event(at: "2022-06-10 20:31", what: ArrivalForm(person: "zhou-bin", city: "zhengzhou", transport: Train)),
        Event(at: "2022-06-11 13:40", what: Carrier(person: "lin-xiu", city: Some("zhengzhou"))),
        Event(at: "2022-06-11 13:40", what: Carrier(person: "zhou-bin", city: Some("zhengzhou"))),
        Event(at: "2022-06-11 13:52", what: Scan(person: "lin-xiu", venue: "zz-east-exit")),
        Event(at: "2022-06-11 13:52", what: Scan(person: "zhou-bin", venue: "zz-east-exit")),
        Event(at: "2022-06-11 10:10", what: Scan(person: "he-yan", venue: "zz-station-exit")),
        Event(at: "2022-06-11 14:30", what: Scan(person: "he-yan", venue: "jianshe-mall")),
        Event(at: "2022-06-12 09:00", what: Carrier(person: "tao-min", city: None)),
        Event(at: "2022-06-12 09:15", what: Scan(person: "tao-min", venue: "zz-east-exit")),

        Event(at: "2022-06-11 14:05", what: Scan(person: "jia-lei", venue: "jianshe-mall")),
        Event(at: "2022-06-11 14:10", what: Scan(person: "res-guo", venue: "jianshe-mall")),
        Event(at: "2022-06-11 17:30", what: Scan(person: "res-han", venue: "jianshe-mall")),
        Event(at: "2022-06-12 11:00", what: Test(person: "jia-lei", positive: true)),
        Event(at: "2022-06-12 20:00", what: CaseReport(person: "jia-lei", visits: [
            Visit(venue: "jianshe-mall", from: "2022-06-11 14:00", to: "2022-06-11 16:00"),
            Visit(venue: "jianshe-tea", from: "2022-06-11 16:30", to: "2022-06-11 17:00"),
        ])),
        Event(at: "2022-06-12 21:00", what: AreaRisk(district: "jianshe-block", level: High)),
        Event(at: "2022-06-13 08:00", what: AreaRisk(district: "guancheng", level: Medium)),
        Event(at: "2022-06-13 09:20", what: Scan(person: "res-luo", venue: "jianshe-tea")),
        Event(at: "2022-06-14 10:00", what: Scan(person: "res-zhu", venue: "guancheng-market")),
        Event(at: "2022-06-15 12:00", what: Test(person: "case-two", positive: true)),
        Event(at: "2022-06-15 22:00", what: CaseReport(person: "case-two", visits: [
            Visit(venue: "zhengdong-mall", from: "2022-06-14 18:00", to: "2022-06-14 21:00"),
            Visit(venue: "erqi-clinic", from: "2022-06-15 09:00", to: "2022-06-15 10:00"),
        ])),
        Event(at: "2022-06-19 21:00", what: AreaRisk(district: "jianshe-block", level: Low)),
        Event(at: "2022-06-20 08:00", what: AreaRisk(district: "guancheng", level: Low)),

        Event(at: "2022-06-12 23:10", what: Assignment(Assignment(
            operator: "sun-meilin",
            targets: People(["res-qiao"]),
            colour: Red,
            reason: "close-contact",
            justification: "Close contact of case Jia found at interview; see investigation record.",
            basis: Some("doc-investigation"),
            duration_days: Some(7),
        ))),

        Event(at: "2022-06-11 20:00", what: MissedTest(person: "res-ma")),
        Event(at: "2022-06-12 09:00", what: Test(person: "res-ma", positive: false)),
        Event(at: "2022-06-13 09:00", what: Test(person: "res-ma", positive: false)),

BATCHES
        Event(at: "2022-06-14 16:00", what: Reversal(operator: "chen-yuting", batch: "b-0611-a", note: "Restored after public complaints.")),
        Event(at: "2022-06-14 16:05", what: Reversal(operator: "chen-yuting", batch: "b-0612-a", note: "Restored after public complaints.")),
        Event(at: "2022-06-17 20:00", what: Reversal(operator: "chen-yuting", batch: "b-0613-a", note: "Restored on the inquiry's instruction.")),
        Event(at: "2022-06-17 20:05", what: Reversal(operator: "chen-yuting", batch: "b-0613-b", note: "Restored on the inquiry's instruction.")),
        Event(at: "2022-06-17 20:10", what: Reversal(operator: "chen-yuting", batch: "b-0614-a", note: "Restored on the inquiry's instruction.")),
        Event(at: "2022-06-17 20:15", what: Reversal(operator: "chen-yuting", batch: "b-0614-b", note: "Restored on the inquiry's instruction.")),
    ],

    answer_key: Some(AnswerKey(
        findings: [
            Finding(
                id: "f-code-group-batches",
                title: "The batches of 11 and 12 June run from the code group's account",
                entries: Batches(["b-0611-a", "b-0612-a"]),
                category: NoEpidemicBasis,
                also_accept: [TargetingGroup],
                decided: ["feng-jianguo", "lu-xiaoming"],
                passed_on: ["zhao-hongwei"],
                carried_out: ["chen-yuting", "zhao-hongwei"],
                explanation: "Listed depositors with a Zhengzhou scan were given a reason their records contradict.",
            ),
            Finding(
                id: "f-company-batches",
                title: "The batches of 13 and 14 June run from the big-data company's account",
                entries: Batches(["b-0613-a", "b-0613-b", "b-0614-a", "b-0614-b"]),
                category: OutsideAuthority,
                decided: ["feng-jianguo", "lu-xiaoming"],
                passed_on: ["zhao-hongwei"],
                carried_out: ["wang-lei", "zhao-hongwei"],
                explanation: "A maintenance account with no authority to assign codes ran batch jobs on the same list.",
            ),
        ],
        lawful: [
            LawfulSet(id: "l-case", title: "The confirmed cases", entries: Rule("case-positive"), explanation: "Positive tests: red by rule."),
            LawfulSet(id: "l-contacts", title: "Close contacts", entries: Rule("close-contact"), explanation: "Scanned in during a case's visit window."),
            LawfulSet(id: "l-overlap", title: "Overlaps", entries: Rule("overlap"), explanation: "Scanned in near a case's window."),
            LawfulSet(id: "l-high-risk", title: "High-risk area", entries: Rule("high-risk-stay"), explanation: "Scanned in the Jianshe Road block while it was high-risk."),
            LawfulSet(id: "l-medium-risk", title: "Medium-risk area", entries: Rule("medium-risk-stay"), explanation: "Scanned in Guancheng while it was medium-risk."),
            LawfulSet(id: "l-inbound", title: "The traveller from abroad", entries: Rule("inbound-quarantine"), explanation: "A real arrival under home quarantine."),
            LawfulSet(id: "l-cdc", title: "The CDC's contact found by interview", entries: OperatorOn(operator: "sun-meilin", people: ["res-qiao"]), explanation: "One person, citing the record that names her."),
            LawfulSet(id: "l-missed-test", title: "Missed mass test", entries: Rule("missed-test"), explanation: "Yellow for a missed test, by the published rule."),
        ],
        objectives: [
            Objective(id: "o-first-account", question: "Whose account ran the batches of 11 and 12 June?", answer: Official("chen-yuting"), hint: "Trace a flagged batch change."),
            Objective(id: "o-directive", question: "Which document did the batch jobs cite?", answer: Document("doc-instruction"), hint: "Read the directive the batch changes cite."),
        ],
    )),
)
"#;

/// The night-time batch jobs on the depositor list: (batch, official, from, to).
const BATCHES: &[(&str, &str, &str, &str)] = &[
    (
        "b-0611-a",
        "chen-yuting",
        "2022-06-09 00:00",
        "2022-06-11 02:00",
    ),
    (
        "b-0612-a",
        "chen-yuting",
        "2022-06-11 02:00",
        "2022-06-12 02:00",
    ),
    (
        "b-0613-a",
        "wang-lei",
        "2022-06-12 02:00",
        "2022-06-13 01:30",
    ),
    (
        "b-0613-b",
        "wang-lei",
        "2022-06-13 01:30",
        "2022-06-13 22:30",
    ),
    (
        "b-0614-a",
        "wang-lei",
        "2022-06-13 22:30",
        "2022-06-14 03:00",
    ),
    (
        "b-0614-b",
        "wang-lei",
        "2022-06-14 03:00",
        "2022-06-14 11:50",
    ),
];

/// The scenario text of a city with `units` units of crowds (at least one).
pub fn scenario_text(units: u32) -> String {
    let units = units.max(1);
    let mut crowds = String::new();
    for c in CROWDS {
        write_crowd(&mut crowds, c, units);
    }
    let mut batches = String::new();
    for (batch, operator, from, to) in BATCHES {
        let justification = if *operator == "chen-yuting" {
            "Per command instruction: control of inbound persons."
        } else {
            "Matching run as instructed."
        };
        let _ = writeln!(
            batches,
            r#"        Event(at: "{to}", what: Assignment(Assignment(
            operator: "{operator}",
            targets: ListScannedIn(list: "depositor-list", city: "zhengzhou", from: "{from}", to: "{to}"),
            colour: Red,
            reason: "inbound-quarantine",
            justification: "{justification}",
            batch: Some("{batch}"),
            directive: Some("doc-instruction"),
        ))),"#
        );
    }
    FRAME
        .replacen("UNITS", &units.to_string(), 1)
        .replacen("CROWDS", &crowds, 1)
        .replacen("BATCHES", &batches, 1)
}

/// Writes the city with `units` units of crowds to `path` as a scenario file.
pub fn write_file(path: &std::path::Path, units: u32) -> std::io::Result<()> {
    std::fs::write(path, scenario_text(units))
}

fn write_crowd(out: &mut String, c: &CrowdSpec, units: u32) {
    let lists = if c.depositor {
        r#"["depositor-list"]"#
    } else {
        "[]"
    };
    let one_of = if c.depositor { BANKS } else { "" };
    let _ = writeln!(
        out,
        r#"        Crowd(
            id: "{id}",
            count: {count},
            id_prefix: "{prefix}",
            tags: [{tags}],
            one_of_tags: [{one_of}],
            home_cities: [{homes}],
            surnames: [{SURNAMES}],
            given_names: [{GIVEN_NAMES}],
            lists: {lists},
            start_from: "{from}",
            start_to: "{to}",
            itinerary: ["#,
        id = c.id,
        count = c.count * units,
        prefix = c.prefix,
        tags = c.tags,
        homes = c.home_cities,
        from = c.start_from,
        to = c.start_to,
    );
    for step in c.itinerary {
        let step = step.replace("CITY", &format!("[{CITY_VENUES}]"));
        let _ = writeln!(out, "                Step({step}),");
    }
    let _ = writeln!(
        out,
        r#"            ],
            companions: {companions},
            companion_tags: ["companion"],
        ),"#,
        companions = c.companions * units,
    );
}

/// People and events a scenario's crowds generate: (count + companions) each, and every
/// step of the itinerary once per person.
pub fn crowd_totals(s: &Scenario) -> (u64, u64) {
    s.crowds.iter().fold((0, 0), |(people, events), c| {
        let members = u64::from(c.count) + u64::from(c.companions);
        (
            people + members,
            events + members * c.itinerary.len() as u64,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load::parse_str;
    use crate::scenario::model::EventKind;
    use crate::scenario::validate;

    #[test]
    fn each_unit_is_two_thousand_people_and_twenty_thousand_events() {
        let people: u64 = CROWDS
            .iter()
            .map(|c| u64::from(c.count + c.companions))
            .sum();
        let events: u64 = CROWDS
            .iter()
            .map(|c| u64::from(c.count + c.companions) * c.itinerary.len() as u64)
            .sum();
        assert_eq!((people, events), (PEOPLE_PER_UNIT, EVENTS_PER_UNIT));
    }

    #[test]
    fn the_full_city_has_two_hundred_thousand_people_and_two_million_events() {
        // Parsing is cheap at any size: the crowds are counted, not expanded.
        let loaded = parse_str("scale.ron", scenario_text(FULL_SCALE)).unwrap();
        assert_eq!(crowd_totals(&loaded.scenario), (200_000, 2_000_000));
        assert!(loaded.source.len() < 64 * 1024, "{}", loaded.source.len());
    }

    #[test]
    fn the_text_validates_without_errors_or_warnings() {
        let loaded = parse_str("scale.ron", scenario_text(3)).unwrap();
        let diagnostics = validate::check(&loaded);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(crowd_totals(&loaded.scenario), (6_000, 60_000));
    }

    #[test]
    fn the_text_is_the_same_every_time() {
        assert_eq!(scenario_text(2), scenario_text(2));
        assert_ne!(scenario_text(1), scenario_text(2));
        assert_eq!(scenario_text(0), scenario_text(1));
    }

    #[test]
    fn one_unit_expands_to_its_people_and_events_and_opens() {
        let loaded = parse_str("scale.ron", scenario_text(1)).unwrap();
        let named = loaded.scenario.people.len();
        // Decisions and orders are not public events: they stay off the timeline.
        let public = |e: &&crate::scenario::model::Event| {
            !matches!(e.what, EventKind::Order { .. } | EventKind::Decision { .. })
        };
        let scripted = loaded.scenario.events.iter().filter(public).count();
        let opened = crate::open::open_loaded(loaded, None).unwrap();
        let world = &opened.world;
        assert_eq!(world.person_count(), PEOPLE_PER_UNIT as usize + named);
        assert_eq!(world.timeline.len(), EVENTS_PER_UNIT as usize + scripted);
        for (batch, ..) in BATCHES {
            assert!(!world.ledger.by_batch(batch).is_empty(), "{batch} is empty");
        }
        assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    }
}
