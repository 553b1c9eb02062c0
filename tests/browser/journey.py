"""What the browser journeys share: naming the step that broke, sharing, signing in, focus."""

import secrets
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from playwright.sync_api import Page, expect

from moderation import services as moderation_services
from moderation.models import QueueItem
from testimonies import services as testimony_services
from testimonies.models import ContentWarning, Testimony, Topic
from tests.factories import ModeratorFactory
from tests.moderation.conftest import totp_code, totp_secret_of


class StepFailed(AssertionError):
    """A journey broke: the message starts with the journey and the step."""


class step:
    """Prefix any failure inside with its journey and step, e.g. "3. moderator: claims...".

    Playwright's timeouts and expect() failures, plain asserts and database surprises alike:
    the first line of the report says where the person was when it broke.
    """

    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        __tracebackhide__ = True
        if error is None or isinstance(error, StepFailed) or not isinstance(error, Exception):
            return False
        raise StepFailed(f"[{self.name}] {kind.__name__}: {error}") from error


# --- A survivor ----------------------------------------------------------------------------


def share(
    page: Page,
    *,
    kind: str,
    body: str = "",
    title: str = "",
    warnings: tuple[str, ...] = (),
    topics: tuple[str, ...] = (),
) -> str | None:
    """Fill in and send /share/; the receipt code shown on the confirmation, if any.

    kind, warnings and topics are the labels a person reads ("Short statement", "Harassment").
    """
    page.goto("/share/")
    page.get_by_role("radio", name=kind, exact=True).check()
    if title:
        page.get_by_label("Title (optional, stories only)").fill(title)
    if body:
        page.get_by_label("Your words").fill(body)
    for name in (*warnings, *topics):
        page.get_by_role("checkbox", name=name, exact=True).check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you. You are not alone.")).to_be_visible()
    code = page.locator(".receipt__code code")
    return code.inner_text() if code.count() else None


def open_with_receipt(page: Page, code: str) -> None:
    """The author's view of their testimony, as they reach it later: /manage/ and the code."""
    page.goto("/manage/")
    page.get_by_label("Your receipt code").fill(code)
    page.get_by_role("button", name="Open").click()
    expect(page.get_by_role("heading", name="Your testimony", level=1)).to_be_visible()


# --- Moderators ----------------------------------------------------------------------------


@dataclass
class Moderator:
    """A member of the Moderators group with a password and an authenticator app (TOTP)."""

    user: AbstractBaseUser
    password: str
    totp_secret: str

    @classmethod
    def create(cls, username: str = "moderator") -> "Moderator":
        user = ModeratorFactory(username=username)
        password = secrets.token_urlsafe(16)
        user.set_password(password)
        user.save()
        # Set up through allauth's own API, as tests/moderation does.
        return cls(user=user, password=password, totp_secret=totp_secret_of(user))

    def sign_in(self, page: Page) -> None:
        """Sign in as a moderator does: password, then the code the authenticator app shows."""
        self.enter_password(page)
        self.enter_code(page)
        page.goto("/moderation/")
        expect(page.get_by_role("heading", name="Moderation queue")).to_be_visible()

    def enter_password(self, page: Page) -> None:
        page.goto("/accounts/login/")
        page.get_by_label("Username:").fill(self.user.get_username())
        page.get_by_label("Password:").fill(self.password)
        page.get_by_role("button", name="Sign In").click()
        expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()

    def enter_code(self, page: Page) -> None:
        page.locator("input[name=code]").fill(totp_code(self.totp_secret))
        page.get_by_role("button", name="Sign In").click()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def screen(testimony: Testimony) -> QueueItem:
    """What the Celery worker does after a submission: screen it, which queues it."""
    moderation_services.testimony_screen(testimony_id=testimony.pk)
    return QueueItem.objects.get(testimony=testimony, is_open=True)


# --- Focus ---------------------------------------------------------------------------------

# The focused element, and whether our focus ring (an outline or a box-shadow) is drawn on it.
FOCUS_STATE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) { return null; }
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none";
  const box = element.getBoundingClientRect();
  // Not hidden under something else, such as the sticky "Leave this site" bar (WCAG 2.4.11).
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {
    description: (element.tagName.toLowerCase() + " " + (element.name || element.id || "") +
      " " + (element.labels && element.labels[0] ? element.labels[0].textContent :
      element.textContent)).replace(/\\s+/g, " ").trim().slice(0, 80),
    ringVisible: outline || shadow,
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 &&
      box.top < window.innerHeight && box.left < window.innerWidth,
    obscuredBy: hit && hit !== element && !element.contains(hit) && !hit.contains(element) ?
      (hit.tagName.toLowerCase() + " " + hit.textContent)
        .replace(/\\s+/g, " ").trim().slice(0, 40) : null,
  };
}"""


def focused(page: Page) -> dict | None:
    return page.evaluate(FOCUS_STATE)


def assert_focus_visible(page: Page) -> dict:
    state = focused(page)
    assert state is not None, "nothing has the focus"
    assert state["ringVisible"], f"no visible focus ring on {state['description']!r}"
    assert state["onScreen"], f"the focused {state['description']!r} is off screen"
    assert not state["obscuredBy"], f"{state['description']!r} is hidden by {state['obscuredBy']!r}"
    return state


def press_checking_focus(page: Page, key: str) -> dict:
    page.keyboard.press(key)
    return assert_focus_visible(page)


def tab_to(page: Page, description_part: str, *, limit: int = 40) -> dict:
    """Press Tab until the focused element's description contains description_part, checking
    after every press that the focus can be seen."""
    seen = []
    for _ in range(limit):
        state = press_checking_focus(page, "Tab")
        seen.append(state["description"])
        if description_part in state["description"]:
            return state
    raise AssertionError(f"Tab never reached {description_part!r}; it went through {seen}")


def published(kind, body, *, title="", topics=(), warnings=()) -> Testimony:
    """A testimony submitted and published through the services, so the counters agree."""
    testimony = testimony_services.testimony_submit(
        kind=kind,
        title=title,
        body=body,
        topics=Topic.objects.filter(slug__in=topics),
        content_warnings=ContentWarning.objects.filter(slug__in=warnings),
    ).testimony
    testimony_services.testimony_publish(testimony=testimony)
    return testimony
