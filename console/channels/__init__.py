"""Payment channels (手机缴费, issue 18): the gateway that takes WeChat Pay and Alipay
notifications, verifies them and posts the money through the counter's payment service.
No Qt here.

- refusal: what a verified notification says (Notification) and why one is refused (Refused).
  Public: Notification, Refused.
- keys: the channel keys the gateway verifies with, and the simulator's test keys.
  Public: ChannelKeys, load_keys, ensure_test_keys, keys_folder, load_bank_key,
  ensure_bank_test_key.
- wechat: WeChat Pay API v3 notifications: signature, time window, AEAD_AES_256_GCM resource.
  Public: verify_wechat, wechat_answer.
- alipay: Alipay asynchronous notifications: RSA2 over the sorted parameters.
  Public: verify_alipay.
- bank: the bank agency's (代收) signed daily batch file: format, signature, every line checked.
  Public: read_signed, parse_batch, BatchRefused, render_batch, signature_file.
- bank_import: a verified batch's records posted in slices like phone payments, a summary.
  Public: post_bank_batch, BankImport.
- posting: a verified notification posted once, held for a supervisor, or acknowledged;
  refusals counted. Public: accept, accept_many, reject, CHANNEL_ACTOR.
- server: the aiohttp application, one endpoint per channel. Public: build_app, serve,
  serve_in_thread.
- simulator: signs notifications with the test keys and sends them (demo and tests).
  Public: WechatSigner, AlipaySigner, BankSigner, run_scenarios.
"""
