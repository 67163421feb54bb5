"""GridDesk's shipped files; installed as the package ``griddesk_resources``.

Read them through ``console.assets``, never by path.
"""
