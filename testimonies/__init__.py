"""The survivor and public side: what is submitted, what is published, how it is read."""
