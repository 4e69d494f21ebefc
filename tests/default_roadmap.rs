//! The built-in roadmap is the product's face. These tests keep it complete and true to what
//! docs/roadmap.md promises: warning-free, exactly four roles; hours, an English and a Chinese
//! title and summary, and a web resource on every topic, every stage and the roadmap itself; no
//! prerequisite from a later stage; each role's required plan covering the areas that make it
//! job-ready, capstone included; a real R path for data scientists; Chinese and mainland-reachable
//! resources where the main one is not; and no topic that no role reaches unless docs/roadmap.md
//! lists it as deliberately optional.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use roadmap::load::{self, Origin};
use roadmap::model::{Requirement, Roadmap, TopicKind};
use serde_json::Value;

const ROLES: [&str; 4] = [
    "ml-engineer",
    "data-scientist",
    "ai-specialist",
    "deep-learning-engineer",
];

fn roadmap(args: &[&str]) -> (i32, String) {
    let out = common::roadmap()
        .args(args)
        .env("NO_COLOR", "1")
        .env("ROADMAP_PROGRESS", common::NO_PROGRESS)
        .env_remove("ROADMAP_PATH")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn json(args: &[&str]) -> Value {
    let (code, out) = roadmap(args);
    assert_eq!(code, 0, "{args:?}");
    serde_json::from_str(&out).unwrap()
}

/// The built-in roadmap as the library validates it.
fn built_in() -> Roadmap {
    let (doc, findings) = load::load(&Origin::Default).unwrap();
    roadmap::validate::validate(doc, findings)
        .roadmap
        .expect("the built-in roadmap is valid")
}

/// The topic ids of a plan, as `roadmap plan ... --format json` gives them.
fn plan(args: &[&str]) -> (BTreeSet<String>, f64) {
    let mut all = vec!["plan"];
    all.extend(args);
    all.extend(["--format", "json"]);
    let plan = json(&all);
    let ids = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    (ids, plan["total_hours"].as_f64().unwrap())
}

/// Asserts that the required plan of `role` holds every topic of `areas`, each area given as
/// alternatives of which one is enough.
fn assert_covers(role: &str, areas: &[&[&str]]) {
    let (ids, _) = plan(&[role]);
    for area in areas {
        assert!(
            area.iter().any(|id| ids.contains(*id)),
            "{role}'s plan has none of {area:?}"
        );
    }
}

#[test]
fn checks_clean_with_warnings_denied() {
    let (code, out) = roadmap(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}");
    let report = json(&["check", "--format", "json"]);
    assert_eq!(report["errors"], serde_json::json!([]));
    assert_eq!(report["warnings"], serde_json::json!([]));
    assert!(
        report["topics"].as_u64().unwrap() >= 110,
        "at least 110 topics, roles included: {}",
        report["topics"]
    );
}

#[test]
fn lists_the_four_roles() {
    let roles: Vec<String> = json(&["list", "--kind", "role", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(roles, ROLES);
}

#[test]
fn every_topic_has_hours_summaries_titles_and_a_web_resource() {
    let roadmap = built_in();
    for t in &roadmap.topics {
        let id = &t.id;
        match t.kind {
            TopicKind::Role => assert_eq!(t.hours, Some(0.0), "{id}: roles take no time"),
            TopicKind::Topic => assert!(t.hours.is_some_and(|h| h > 0.0), "{id}: hours"),
        }
        let summary = t.summary.as_deref().unwrap_or_default();
        assert!(
            summary.len() > 20 && summary.ends_with('.'),
            "{id}: an English summary"
        );
        let zh = t.i18n.get("zh").expect("a Chinese translation");
        let title = zh.title.as_deref().unwrap_or_default();
        assert!(
            !title.is_empty() && !title.is_ascii(),
            "{id}: Chinese title"
        );
        let summary = zh.summary.as_deref().unwrap_or_default();
        assert!(
            !summary.is_ascii() && summary.ends_with('。'),
            "{id}: a Chinese summary, one sentence ending in 。: {summary:?}"
        );
        assert!(!t.resources.is_empty(), "{id}: at least one resource");
        for r in &t.resources {
            let url = &r.url;
            assert!(
                url.starts_with("https://") || url.starts_with("http://"),
                "{id}: {url} is not absolute http(s)"
            );
            assert!(!url.contains(char::is_whitespace), "{id}: {url}");
            let host = url.split("://").nth(1).unwrap().split('/').next().unwrap();
            assert!(host.contains('.'), "{id}: {url} has no host");
        }
    }
}

#[test]
fn the_roadmap_and_every_stage_are_translated() {
    let roadmap = built_in();
    let zh = roadmap.meta.i18n.get("zh").expect("the roadmap in Chinese");
    assert!(zh.title.as_deref().is_some_and(|t| !t.is_ascii()));
    assert!(zh.summary.as_deref().is_some_and(|s| !s.is_ascii()));
    for stage in &roadmap.stages {
        let id = &stage.id;
        assert!(
            stage.summary.as_deref().is_some_and(|s| s.ends_with('.')),
            "{id}: an English summary"
        );
        let zh = stage.i18n.get("zh").expect("a Chinese translation");
        assert!(zh.title.as_deref().is_some_and(|t| !t.is_ascii()), "{id}");
        assert!(
            zh.summary.as_deref().is_some_and(|s| s.ends_with('。')),
            "{id}: a Chinese summary"
        );
    }
    // What a learner sees: `--lang zh` shows them.
    let (_, text) = self::roadmap(&["--lang", "zh", "progress", "status", "--format", "json"]);
    let status: Value = serde_json::from_str(&text).unwrap();
    for stage in status["stages"].as_array().unwrap() {
        assert!(!stage["title"].as_str().unwrap().is_ascii(), "{stage}");
    }
}

/// docs/roadmap.md: "No prerequisite comes from a later stage", for requirements, every
/// alternative of a `one_of`, and recommendations alike.
#[test]
fn no_prerequisite_comes_from_a_later_stage() {
    let roadmap = built_in();
    let mut broken = Vec::new();
    for t in &roadmap.topics {
        let named = t
            .requires
            .iter()
            .flat_map(|r| r.topics().iter())
            .chain(&t.recommends);
        for &p in named {
            if roadmap.topic(p).stage > t.stage {
                broken.push(format!(
                    "{} ({}) names {} ({})",
                    t.id,
                    roadmap.stages[t.stage as usize].id,
                    roadmap.topic(p).id,
                    roadmap.stages[roadmap.topic(p).stage as usize].id
                ));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn ml_engineer_is_job_ready() {
    assert_covers(
        "ml-engineer",
        &[
            &["python", "r", "java"],
            &["data-structures"],
            &["algorithms"],
            &["probability"],
            &["descriptive-statistics"],
            &["statistical-inference"],
            &["hypothesis-testing"],
            &["linear-algebra"],
            &["calculus"],
            &["multivariable-calculus"],
            &["numpy"],
            &["pandas"],
            &["data-cleaning"],
            &["exploratory-data-analysis"],
            &["linear-regression"],
            &["decision-trees"],
            &["ensemble-methods"],
            &["gradient-boosting"],
            &["clustering"],
            &["dimensionality-reduction"],
            &["model-evaluation"],
            &["neural-networks"],
            &["attention-and-transformers"],
            &["hadoop"],
            &["spark"],
            &["docker"],
            &["model-serving-api"],
            &["scalable-model-serving"],
            &["model-monitoring"],
            &["ci-cd-for-ml"],
            &["experiment-design"],
            &["ml-fairness"],
            &["ml-security-privacy"],
            &["capstone-ml-engineer"],
        ],
    );
}

#[test]
fn data_scientist_is_job_ready() {
    assert_covers(
        "data-scientist",
        &[
            &["descriptive-statistics"],
            &["statistical-inference"],
            &["hypothesis-testing"],
            &["exploratory-data-analysis"],
            &["data-visualization"],
            &["experiment-design"],
            &["causal-inference"],
            &["linear-regression"],
            &["logistic-regression"],
            &["clustering"],
            &["sql"],
            &["data-storytelling"],
            &["scikit-learn", "tidymodels"],
            &["capstone-data-scientist"],
        ],
    );
}

#[test]
fn ai_specialist_is_job_ready() {
    assert_covers(
        "ai-specialist",
        &[
            &["attention-and-transformers"],
            &["transformer-nlp"],
            &["large-language-models"],
            &["llm-applications"],
            &["embeddings-and-vector-search"],
            &["retrieval-augmented-generation"],
            &["llm-evaluation"],
            &["cnns"],
            &["object-detection-segmentation"],
            &["vision-transformers-multimodal"],
            &["exploratory-data-analysis"],
            &["data-labeling"],
            &["model-serving-api"],
            &["capstone-ai-specialist"],
        ],
    );
}

#[test]
fn deep_learning_engineer_is_job_ready_without_scikit_learn() {
    let role = "deep-learning-engineer";
    assert_covers(
        role,
        &[
            &["pytorch", "tensorflow"],
            &["training-deep-networks"],
            &["distributed-training"],
            &["gpu-programming"],
            &["inference-optimization"],
            &["computer-vision", "transformer-nlp"],
            &["capstone-deep-learning-engineer"],
        ],
    );
    let (ids, _) = plan(&[role]);
    assert!(
        !ids.contains("scikit-learn"),
        "nothing a deep-learning engineer needs requires scikit-learn"
    );
}

/// Both paths of a data scientist are whole: preferring R and the tidyverse leaves no Python in
/// the plan, and preferring Python and pandas no R.
#[test]
fn the_r_path_of_a_data_scientist_needs_no_python_and_the_python_path_no_r() {
    let python = ["python", "pandas", "numpy", "scikit-learn"];
    let r = ["r", "tidyverse", "tidymodels"];
    let (ids, _) = plan(&["data-scientist", "--prefer", "r,tidyverse"]);
    for id in python {
        assert!(!ids.contains(id), "{id} in the R plan: {ids:?}");
    }
    for id in r {
        assert!(ids.contains(id), "{id} missing from the R plan");
    }
    let (ids, _) = plan(&["data-scientist", "--prefer", "python,pandas,scikit-learn"]);
    for id in r {
        assert!(!ids.contains(id), "{id} in the Python plan: {ids:?}");
    }
    for id in python {
        assert!(ids.contains(id), "{id} missing from the Python plan");
    }
}

#[test]
fn every_role_ends_in_a_capstone_project() {
    let roadmap = built_in();
    for role in ROLES {
        let capstone = format!("capstone-{role}");
        let ix = roadmap.index_of(&capstone).expect("a capstone per role");
        let topic = roadmap.topic(ix);
        let hours = topic.hours.unwrap();
        assert!((40.0..=80.0).contains(&hours), "{capstone}: {hours} h");
        // The summary is the project brief: what to build, not one line.
        assert!(topic.summary.as_deref().unwrap().len() > 200, "{capstone}");
        let role_ix = roadmap.index_of(role).unwrap();
        assert!(
            roadmap
                .topic(role_ix)
                .requires
                .iter()
                .any(|r| matches!(r, Requirement::Topic(t) if *t == ix)),
            "{role} requires {capstone}"
        );
    }
}

#[test]
fn role_totals_are_realistic() {
    // A job-ready ML engineer from zero is about 1,000-1,500 focused hours (the outside review of
    // 2026-11 puts it near 1,250 h); the narrower roles take less.
    let bounds = [
        ("ml-engineer", 1100.0, 1500.0),
        ("data-scientist", 650.0, 1000.0),
        ("ai-specialist", 750.0, 1200.0),
        ("deep-learning-engineer", 550.0, 900.0),
    ];
    for (role, low, high) in bounds {
        let (_, hours) = plan(&[role]);
        assert!((low..=high).contains(&hours), "{role} takes {hours} h");
    }
    let plan = json(&["plan", "ml-engineer", "--format", "json"]);
    let steps = plan["steps"].as_array().unwrap();
    assert_eq!(steps.last().unwrap()["id"], "ml-engineer");
    // The first programming language is a choice among Python, R and Java.
    assert!(
        plan["choices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["one_of"] == serde_json::json!(["python", "r", "java"]))
    );
}

/// The topics docs/roadmap.md lists as deliberately optional: the backticked ids of the bullet
/// list (items may wrap onto indented lines) under its "Deliberately optional topics" heading.
fn documented_optional() -> BTreeSet<String> {
    let docs = std::fs::read_to_string("docs/roadmap.md").unwrap();
    let section = docs
        .split("\n## Deliberately optional topics\n")
        .nth(1)
        .expect("docs/roadmap.md has a section on optional topics");
    section
        .lines()
        .skip_while(|l| !l.starts_with("- "))
        .take_while(|l| l.starts_with("- ") || l.starts_with("  "))
        .flat_map(|l| l.split('`').skip(1).step_by(2))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_topic_is_reached_by_a_role_or_documented_as_optional() {
    let roadmap = built_in();
    let mut required: BTreeSet<String> = BTreeSet::new();
    let mut recommended: BTreeSet<String> = BTreeSet::new();
    for role in ROLES {
        required.extend(plan(&[role]).0);
        recommended.extend(plan(&[role, "--with-recommended"]).0);
    }
    // Alternatives of a `one_of` are reached by a learner who prefers them.
    let mut alternatives = BTreeSet::new();
    for t in &roadmap.topics {
        for r in &t.requires {
            if let Requirement::OneOf(group) = r {
                alternatives.extend(
                    group
                        .alternatives
                        .iter()
                        .map(|&a| roadmap.topic(a).id.clone()),
                );
            }
        }
    }
    let unreached: BTreeSet<String> = roadmap
        .topics
        .iter()
        .map(|t| t.id.clone())
        .filter(|id| !required.contains(id))
        .collect();
    let documented = documented_optional();
    assert_eq!(
        unreached, documented,
        "the topics no role requires must be exactly those docs/roadmap.md lists as optional"
    );
    for id in &unreached {
        assert!(
            recommended.contains(id) || alternatives.contains(id),
            "{id}: optional, yet neither recommended by a role's plan nor an alternative"
        );
    }
}

/// Topics big enough that a Chinese-reading learner needs a resource in Chinese, all of which
/// have a good free one.
const NEED_CHINESE: [&str; 22] = [
    "python",
    "command-line",
    "git",
    "data-structures",
    "algorithms",
    "linear-algebra",
    "calculus",
    "pandas",
    "ml-fundamentals",
    "neural-networks",
    "pytorch",
    "training-deep-networks",
    "cnns",
    "attention-and-transformers",
    "transformer-nlp",
    "large-language-models",
    "llm-applications",
    "retrieval-augmented-generation",
    "computer-vision",
    "reinforcement-learning",
    "docker",
    "kubernetes",
];

#[test]
fn big_topics_have_a_chinese_resource_and_none_relies_on_hugging_face_alone() {
    let roadmap = built_in();
    for id in NEED_CHINESE {
        let t = roadmap.topic(roadmap.index_of(id).unwrap());
        assert!(
            t.resources.iter().any(|r| r.lang.as_deref() == Some("zh")),
            "{id} has no Chinese resource"
        );
    }
    // huggingface.co is not reachable from mainland China: every topic that cites it also cites
    // something else.
    for t in &roadmap.topics {
        let on_hf = |url: &str| url.starts_with("https://huggingface.co/");
        if t.resources.iter().any(|r| on_hf(&r.url)) {
            assert!(
                t.resources.iter().any(|r| !on_hf(&r.url)),
                "{} cites only Hugging Face",
                t.id
            );
        }
    }
    let modelscope: Vec<&str> = roadmap
        .topics
        .iter()
        .filter(|t| t.resources.iter().any(|r| r.url.contains("modelscope")))
        .map(|t| t.id.as_str())
        .collect();
    assert!(modelscope.contains(&"transformer-nlp"), "{modelscope:?}");
}

#[test]
fn paid_resources_are_marked_and_never_the_only_one() {
    let roadmap = built_in();
    let mut paid = BTreeMap::new();
    for t in &roadmap.topics {
        let free = t.resources.iter().filter(|r| r.free).count();
        assert!(free > 0, "{}: every topic has a free resource", t.id);
        for r in t.resources.iter().filter(|r| !r.free) {
            paid.insert(r.url.clone(), t.id.clone());
        }
    }
    // Known paid books must say so.
    for url in [
        "https://dataintensive.net/",
        "https://experimentguide.com/",
        "https://www.storytellingwithdata.com/books",
    ] {
        assert!(paid.contains_key(url), "{url} is not marked free = false");
    }
}

#[test]
fn chinese_resources_come_first_with_lang_zh() {
    let show = json(&[
        "--lang",
        "zh",
        "show",
        "training-deep-networks",
        "--format",
        "json",
    ]);
    assert_eq!(show["title"], "深度网络训练实践");
    assert!(!show["summary"].as_str().unwrap().is_ascii());
    let first = &show["resources"][0];
    assert_eq!(first["lang"], "zh", "{show}");
    let plain = json(&["show", "training-deep-networks", "--format", "json"]);
    assert_eq!(plain["resources"][0]["lang"], Value::Null);
}

/// The cells of the Markdown table rows of docs/roadmap.md whose first cell is a backticked
/// name, by that name.
fn docs_table_rows() -> BTreeMap<String, Vec<String>> {
    let docs = std::fs::read_to_string("docs/roadmap.md").unwrap();
    docs.lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<String> = l
                .trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_owned())
                .collect();
            (cells[0].trim_matches('`').to_owned(), cells)
        })
        .collect()
}

#[test]
fn the_tables_of_docs_roadmap_md_match_the_roadmap() {
    let rows = docs_table_rows();
    // Stages: file, id, topics, hours of all its topics.
    let roadmap = built_in();
    for (ix, stage) in roadmap.stages.iter().enumerate() {
        let topics: Vec<_> = roadmap
            .topics
            .iter()
            .filter(|t| t.stage as usize == ix)
            .collect();
        let hours: f64 = topics.iter().map(|t| t.hours.unwrap_or(0.0)).sum();
        let file = format!("{:02}-{}.toml", ix + 1, stage.id);
        let row = rows
            .get(&file)
            .unwrap_or_else(|| panic!("docs/roadmap.md has no row for {file}"));
        assert_eq!(row[1], format!("`{}`", stage.id), "{file}");
        let count: String = row[2].chars().take_while(char::is_ascii_digit).collect();
        assert_eq!(count, topics.len().to_string(), "{file}: topics");
        assert_eq!(row[3], hours.to_string(), "{file}: hours");
    }
    // Roles: topics in the plan (without the role), hours, and with recommendations.
    for role in ROLES {
        let row = rows
            .get(role)
            .unwrap_or_else(|| panic!("no row for {role}"));
        let (ids, hours) = plan(&[role]);
        let (all, all_hours) = plan(&[role, "--with-recommended"]);
        assert_eq!(row[2], (ids.len() - 1).to_string(), "{role}: topics");
        assert_eq!(row[3], hours.to_string(), "{role}: hours");
        assert_eq!(
            row[4],
            format!("{} topics, {all_hours} h", all.len() - 1),
            "{role}: with recommended"
        );
    }
}
