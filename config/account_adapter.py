"""allauth's account adapter, changed only where the privacy rules require it."""

from allauth.account.adapter import DefaultAccountAdapter

from config import ratelimits


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        # allauth keys its rate limits (ACCOUNT_RATE_LIMITS, "…/ip") by what this returns and
        # keeps the key in the cache: a keyed hash of the address, never the address itself.
        return ratelimits.client_key(request)
