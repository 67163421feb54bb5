"""Administration: staff accounts, the site's signing keys, who looked at a customer.

- access_trail: Who looked at this customer: every view, reveal, print and export, with
  time, user, unit, workstation and purpose (admins; supervisors for their units).
  Public: access_trail_data.
- site_keys: The site's signing keys in the database, wrapped under the key file
  (console.keywrap): sign, check (genuine / revoked / forged), rotate, revoke, list.
  Public: active_signer, public_key, check, verify, verify_token, public_key_set,
  export_public_keys, rotate_key, revoke_key, rotate_site_key, revoke_site_key, list_keys,
  keys_oldest_first.
- users: Staff administration: create, disable, reset and unlock accounts (admins only).
  Public: list_units, list_users, create_user, set_active, reset_password, unlock.
- service_accounts: Programs that act without a person (the collector, scheduled reports)
  and their token files: issue, revoke, sign in (issue 17 item 6).
  Public: issue_token, install_token, revoke_token, list_services, sign_in.
- first_admin: The site's first administrator, made at set-up while there is no user.
  Public: create_first_admin.
- security: Sessions and passwords as the site's admins set them: idle lock, password policy.
  Public: security_policy, set_security_policy, read_policy, check_password, set_password.
"""
