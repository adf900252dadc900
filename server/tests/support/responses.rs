//! Answers stored as if an informant had submitted the questionnaire, for tests that need a
//! scan with figures (the report's files) without walking every questionnaire page.

use app::domain::questionnaire::{self, Answer, Answers};
use app::state::unix_now;

use super::TestApp;

impl TestApp {
    /// Submits the questionnaire for the first not yet submitted invitation of `group` in scan
    /// `id`: the statements of competency number `i` rated `scores[i % scores.len()]`, with a
    /// comment on the first competency.
    pub async fn submit_scores(&self, id: &str, group: &str, scores: &[u8]) {
        let comment = format!("Opmerking {group}");
        self.submit_answers(
            id,
            group,
            |i| Answer::Rating(scores[i % scores.len()]),
            comment,
        )
        .await;
    }

    /// Submits the questionnaire for the first not yet submitted invitation of `group` in scan
    /// `id`: `answer(i)` for the statements of competency number `i` (questionnaire order), and
    /// `comment` on the first competency.
    pub async fn submit_answers(
        &self,
        id: &str,
        group: &str,
        answer: impl Fn(usize) -> Answer,
        comment: String,
    ) {
        let stored = self.db.find_scan(id).await.unwrap().unwrap();
        let framework = self
            .db
            .framework_version(&stored.scan.framework_id, stored.scan.framework_version)
            .await
            .unwrap()
            .unwrap();
        let q = questionnaire::build(&framework, &stored.scan, false);
        let mut answers = Answers::default();
        for (i, section) in q.sections.iter().enumerate() {
            for item in &section.items {
                answers.ratings.insert(item.key.clone(), answer(i));
            }
        }
        answers
            .comments
            .insert(q.sections[0].competency_id.clone(), comment);
        let secret = &self.state.settings.link_secret;
        let submitted = self.db.submission_markers(id).await.unwrap();
        let invitation = self
            .db
            .list_invitations(id)
            .await
            .unwrap()
            .into_iter()
            .find(|i| i.group_id == group && !submitted.contains(&secret.submission_marker(&i.id)))
            .expect("an invitation left to submit");
        let marker = secret.submission_marker(&invitation.id);
        let answers = serde_json::to_string(&answers).unwrap();
        self.db
            .submit_response(
                &app::storage::responses::Submission {
                    invitation_id: &invitation.id,
                    marker: &marker,
                    draft_id: "",
                    scan_id: id,
                    group_id: group,
                },
                unix_now(),
                |_| answers,
            )
            .await
            .unwrap();
    }
}
