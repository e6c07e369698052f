"""Privacy rights (UK GDPR): the registry of personal data, "download my data", "delete my account", retention.

Every app that holds personal data registers, in its own `privacy.py` (imported from its `AppConfig.ready`),
each model with a person's rows: how to find them, how to export them and how to erase them. The export,
the erasure and the test that enumerates every model with a link to a user all read this one registry, so
a new model that holds personal data and is not registered fails the test by name.

Erasure deletes what is only about the person, and anonymises what dashboards count (a seat taken, an
attendance, an enrolment, a rating): those rows move to an *erased account* made for the occasion — no
email (an address under the reserved `.invalid` domain), no name, no region, no password, never able to
sign in — so totals stay while nothing in them leads back to the person. The person's own account row
is then deleted. Apps erase through their services where a change has consequences for others (a
cancelled booking offers the seat to the next person; a revoked credential verifies as revoked).

The package: `registration` (declaring personal data and retention rules), `export` (download my data),
`erasure` (delete my account), `retention_sweep` (retention) and `accounts_data` (this app's own declarations).
"""

from __future__ import annotations

from skillsnet.accounts.privacy import accounts_data as accounts_data  # declares this app's own data
from skillsnet.accounts.privacy.erasure import ErasureReport as ErasureReport
from skillsnet.accounts.privacy.erasure import account_delete as account_delete
from skillsnet.accounts.privacy.erasure import is_erased_account as is_erased_account
from skillsnet.accounts.privacy.export import SectionSummary as SectionSummary
from skillsnet.accounts.privacy.export import data_export as data_export
from skillsnet.accounts.privacy.export import data_summary as data_summary
from skillsnet.accounts.privacy.export import export_zip as export_zip
from skillsnet.accounts.privacy.registration import ERASED_DOMAIN as ERASED_DOMAIN
from skillsnet.accounts.privacy.registration import EXPORT_FORMAT as EXPORT_FORMAT
from skillsnet.accounts.privacy.registration import Erasure as Erasure
from skillsnet.accounts.privacy.registration import PersonalModel as PersonalModel
from skillsnet.accounts.privacy.registration import PrivacyError as PrivacyError
from skillsnet.accounts.privacy.registration import Registry as Registry
from skillsnet.accounts.privacy.registration import Retention as Retention
from skillsnet.accounts.privacy.registration import not_personal as not_personal
from skillsnet.accounts.privacy.registration import register as register
from skillsnet.accounts.privacy.registration import registry as registry
from skillsnet.accounts.privacy.registration import retention as retention
from skillsnet.accounts.privacy.registration import retention_days as retention_days
from skillsnet.accounts.privacy.retention_sweep import purge_expired_data as purge_expired_data
from skillsnet.accounts.privacy.retention_sweep import purge_expired_data_task as purge_expired_data_task
