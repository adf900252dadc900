//! The emails of a cycle (issue 22): the employee hears that the concept assessment is ready
//! (art. 6 lid 3) and that the final qualification was given; the manager hears of objections.
//! No rating, qualification or text of the assessment is ever in a message: it says what waits
//! and links to the cycle, which asks the reader to sign in. Dutch first, English second.

use crate::email::templates::Template;

pub const CONCEPT_RELEASED: Template = Template {
    subject: "Uw conceptbeoordeling staat klaar / Your concept assessment is ready",
    text: "Beste {name},\n\n\
Uw leidinggevende heeft het concept van beoordeling {number} voor u klaargezet, ten minste een \
week voor het beoordelingsgesprek (art. 6 lid 3 van de regeling). Lees het na het inloggen:\n\
{link}\n\n\
---\n\n\
Dear {name},\n\n\
Your manager has released the concept of assessment {number} to you, at least a week before \
the assessment conversation. Read it after signing in:\n{link}",
    html: "<p>Beste {name},</p>\n\
<p>Uw leidinggevende heeft het concept van beoordeling {number} voor u klaargezet, ten minste \
een week voor het beoordelingsgesprek (art. 6 lid 3 van de regeling).</p>\n\
<p><a href=\"{link}\">Lees het concept</a> (na het inloggen)</p>\n\
<hr>\n\
<p lang=\"en\">Dear {name}, your manager has released the concept of assessment {number} to \
you, at least a week before the assessment conversation. <a href=\"{link}\">Read it</a> after \
signing in.</p>",
};

pub const FINAL_SET: Template = Template {
    subject: "Uw beoordeling wacht op uw akkoord / Your assessment awaits your approval",
    text: "Beste {name},\n\n\
Uw leidinggevende heeft de eindkwalificatie van beoordeling {number} gegeven. Geef uw akkoord, \
of teken voor gezien en dien binnen twee weken na het gesprek uw bedenkingen in (art. 6 lid 11):\n\
{link}\n\n\
---\n\n\
Dear {name},\n\n\
Your manager has given the final qualification of assessment {number}. Approve it, or sign it \
as seen and file your objections within two weeks of the conversation:\n{link}",
    html: "<p>Beste {name},</p>\n\
<p>Uw leidinggevende heeft de eindkwalificatie van beoordeling {number} gegeven. Geef uw \
akkoord, of teken voor gezien en dien binnen twee weken na het gesprek uw bedenkingen in (art. 6 \
lid 11).</p>\n\
<p><a href=\"{link}\">Open de beoordeling</a> (na het inloggen)</p>\n\
<hr>\n\
<p lang=\"en\">Dear {name}, your manager has given the final qualification of assessment \
{number}. <a href=\"{link}\">Approve it</a>, or sign it as seen and file your objections within \
two weeks of the conversation.</p>",
};

pub const OBJECTED: Template = Template {
    subject: "Bedenkingen bij beoordeling {number} / Objections to assessment {number}",
    text: "Beste leidinggevende,\n\n\
{name} heeft beoordeling {number} voor gezien getekend en bedenkingen ingediend. Voer binnen twee \
weken het bedenkingengesprek (art. 6 lid 12):\n{link}\n\n\
---\n\n\
Dear manager,\n\n\
{name} has signed assessment {number} as seen and filed objections. Hold the objection \
conversation within two weeks:\n{link}",
    html: "<p>Beste leidinggevende,</p>\n\
<p>{name} heeft beoordeling {number} voor gezien getekend en bedenkingen ingediend. Voer binnen \
twee weken het bedenkingengesprek (art. 6 lid 12).</p>\n\
<p><a href=\"{link}\">Open de cyclus</a></p>\n\
<hr>\n\
<p lang=\"en\">Dear manager, {name} has signed assessment {number} as seen and filed objections. \
<a href=\"{link}\">Hold the objection conversation</a> within two weeks.</p>",
};

pub const REMINDER: Template = Template {
    subject: "Herinnering gesprekscyclus: uiterlijk {by} / Reminder: by {by}",
    text: "Hallo,\n\n\
In de gesprekscyclus van {name} staat een termijn open: {what}, uiterlijk {by}.\n\
{link}\n\n\
---\n\n\
Hello,\n\n\
In the appraisal cycle of {name} a deadline is open: {what_en}, by {by}.\n{link}",
    html: "<p>Hallo,</p>\n\
<p>In de gesprekscyclus van {name} staat een termijn open: {what}, uiterlijk {by}.</p>\n\
<p><a href=\"{link}\">Open de cyclus</a> (na het inloggen)</p>\n\
<hr>\n\
<p lang=\"en\">In the appraisal cycle of {name} a deadline is open: {what_en}, by {by}. \
<a href=\"{link}\">Open the cycle</a> after signing in.</p>",
};

pub const SCAN_REQUESTED: Template = Template {
    subject: "Verzoek om een 360°-scan / Request for a 360° scan",
    text: "Beste leidinggevende,\n\n\
{name} vraagt om een 360°-scan als input voor de beoordeling (art. 6 lid 10). Start de scan \
en voeg het gesloten rapport bij de cyclus:\n{link}\n\n\
---\n\n\
Dear manager,\n\n\
{name} asks for a 360° scan as input to the assessment. Start the scan and attach its closed \
report to the cycle:\n{link}",
    html: "<p>Beste leidinggevende,</p>\n\
<p>{name} vraagt om een 360°-scan als input voor de beoordeling (art. 6 lid 10). Start de scan \
en voeg het gesloten rapport bij de cyclus.</p>\n\
<p><a href=\"{link}\">Open de cyclus</a></p>\n\
<hr>\n\
<p lang=\"en\">Dear manager, {name} asks for a 360° scan as input to the assessment. \
<a href=\"{link}\">Open the cycle</a> to attach its closed report.</p>",
};
