//! The offline summarize engine: ranked priorities, conflicts, dependencies, changes over
//! time and gaps, each built from extracted facts with explicit, explainable rules.

mod conflicts;
mod dependencies;
mod priorities;

use super::Timeline;
use crate::document::Document;
use crate::extract::Statement;
use crate::extract::update::UpdateFacts;
use crate::report::{DocumentRef, SummaryReport};
use crate::topics::{self, Idf};

/// What the user asked to narrow the summary to.
#[derive(Debug, Clone, Default)]
pub struct SummarizeOptions {
    pub focus: Option<String>,
    /// How many priorities to list at most.
    pub max_priorities: usize,
}

/// Shared state for the rules: the timeline, term weights and the focus.
pub struct Ctx<'a> {
    pub tl: Timeline<'a>,
    pub idf: Idf,
    pub statements: &'a [Statement],
    pub focus: Vec<String>,
    /// `by_doc[d]` = the range of `statements` that belongs to document `d`.
    pub by_doc: Vec<std::ops::Range<usize>>,
}

impl Ctx<'_> {
    /// Relevance of some terms to the focus (1.0 when there is no focus).
    pub fn relevance(&self, terms: &[String]) -> f64 {
        topics::relevance(&self.focus, terms)
    }

    /// Whether text with these terms is inside the focus.
    pub fn in_focus(&self, terms: &[String]) -> bool {
        let need = if self.focus.len() >= 2 { 0.5 } else { 0.01 };
        self.focus.is_empty() || self.relevance(terms) >= need
    }

    /// Whether `doc` mentions the topic at all: a statement about it, or its rarest term.
    pub fn doc_mentions_at_all(&self, doc: usize, terms: &[String]) -> bool {
        let rarest = terms.iter().max_by(|a, b| self.idf.weight(a).total_cmp(&self.idf.weight(b)).then(b.cmp(a)));
        self.doc_mentions(doc, terms, 0.5) || rarest.is_some_and(|r| self.of_doc(doc).iter().any(|s| s.terms.contains(r)))
    }

    /// Whether any statement in `doc` is about the topic.
    pub fn doc_mentions(&self, doc: usize, terms: &[String], threshold: f64) -> bool {
        self.of_doc(doc).iter().any(|s| self.idf.same_topic(terms, &s.terms, threshold))
    }

    /// The statements of one document.
    pub fn of_doc(&self, doc: usize) -> &[Statement] {
        &self.statements[self.by_doc[doc].clone()]
    }
}

/// Runs the offline summarize analysis.
pub fn summarize(docs: &[Document], statements: &[Statement], facts: &UpdateFacts, opts: &SummarizeOptions) -> SummaryReport {
    let idf = Idf::new(statements.iter().map(|s| s.terms.as_slice()));
    let focus = opts.focus.as_deref().map(topics::terms).unwrap_or_default();
    // Statements come in document order, so each document's are one contiguous range.
    let mut by_doc = vec![0..0; docs.len()];
    for (i, s) in statements.iter().enumerate() {
        let r = &mut by_doc[s.doc];
        if r.start == r.end {
            *r = i..i + 1;
        } else {
            r.end = i + 1;
        }
    }
    let ctx = Ctx { tl: Timeline::new(docs), idf, statements, focus, by_doc };
    let clusters = priorities::cluster(&ctx, facts);
    let max = if opts.max_priorities == 0 { 10 } else { opts.max_priorities };
    let mut conflicts = conflicts::find(&ctx, facts, &clusters);
    conflicts.retain(|c| ctx.in_focus(&crate::topics::terms(&c.evidence.iter().map(|e| e.quote.as_str()).collect::<Vec<_>>().join(" "))));
    let mut dependencies = dependencies::list(&ctx, facts);
    dependencies.retain(|d| {
        ctx.in_focus(&crate::topics::terms(&format!("{} {} {} {}", d.dependent, d.depends_on, d.deliverable, d.evidence[0].quote)))
    });
    let changes = priorities::changes(&ctx, facts, &clusters);
    let gaps = dependencies::gaps(&ctx, facts, &clusters, max);
    SummaryReport {
        command: "summarize".into(),
        focus: opts.focus.clone(),
        documents: document_refs(&ctx.tl),
        priorities: priorities::rank(&ctx, &clusters, max),
        conflicts,
        dependencies,
        changes,
        gaps,
        citations: Default::default(),
    }
}

fn document_refs(tl: &Timeline) -> Vec<DocumentRef> {
    let mut order: Vec<usize> = (0..tl.docs.len()).collect();
    order.sort_by_key(|&d| tl.pos[d]);
    order
        .into_iter()
        .map(|d| DocumentRef {
            file: tl.docs[d].path.clone(),
            title: tl.docs[d].title.clone(),
            date: tl.docs[d].date.map(|x| x.to_string()),
        })
        .collect()
}
