"""Telegram commands that send files or run on a schedule: /bieudo, /xuat, /nhacnho, /huynhac.

Kept apart from :mod:`ipbot.frontends.telegram.bot` (the conversation) because they add the heavy
parts: charts and spreadsheets are rendered by :mod:`ipbot.files.attachments` off the event
loop, and reminders run from PTB's JobQueue once a day (``IPBOT_REMINDER_TIME``, Vietnam time),
or at once with the admin command /guinhac. Subscriptions live in the state database, sealed
(:meth:`~.state.StateStore.subscribe`), so they survive restarts and the file shows no chat id.
Each chat is reminded on its own: one chat that blocked the bot or no longer exists loses its
subscription and never stops the reminders of the chats after it.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import sqlite3
from dataclasses import dataclass

from telegram import Bot, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError
from telegram.ext import Application, CommandHandler, ContextTypes

from ipbot import phrases
from ipbot.frontends.browse import Browser, plan_label
from ipbot.frontends.telegram.bot import (
    _ANSWERED_BY_HANDLER,
    SERVICES,
    VIETNAM,
    Services,
    _admin_message,
    _button,
    _chat_context,
    _chosen_plan,
    _default_plan,
    _retrying,
    _send_answer,
    _services,
    send_attachments,
)
from ipbot.frontends.telegram.reminders import Reminder, due, upcoming
from ipbot.frontends.telegram.state import Subscription
from ipbot.plans.models import Plan
from ipbot.requests import Field

__all__ = [
    "ReminderRun",
    "chart_command",
    "export_command",
    "register",
    "remind",
    "remind_now_command",
    "send_reminders",
    "subscribe_command",
    "unsubscribe_command",
]

log = logging.getLogger(__name__)

REMINDERS_SHOWN = 3
"""The next dates the confirmation of /nhacnho lists: enough to see what is coming, short on a phone."""


async def chart_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/bieudo: the budget charts of the chat's plan (or of every plan), as photos."""
    services = _services(context)
    message = update.effective_message
    if message is None:
        return
    plan_id = _chosen_plan(context)
    plan_ids = (plan_id,) if plan_id else tuple(p.id for p in services.browser.plans())
    chat_context = _chat_context(context)
    answer = await services.core(lambda a: a.run(Browser.files_request(plan_ids, Field.CHART), chat_context))
    await _send_answer(message, answer, services)


async def export_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/xuat: the chat's plan as Excel and CSV, or a choice of plan first."""
    services = _services(context)
    message = update.effective_message
    if message is None:
        return
    plan_id = _chosen_plan(context)
    if plan_id:
        await _send_export(update, services, plan_id)
        return
    rows = [[_button(p.label, f"x:{p.id}", services.store)] for p in services.browser.plans()]
    await message.reply_text(html.escape(phrases.PICK_EXPORT), reply_markup=InlineKeyboardMarkup(rows))


async def _send_export(update: Update, services: Services, plan_id: str) -> None:
    message = update.effective_message
    if message is not None:
        await _send_file(message, services, plan_id, Field.EXPORT)


async def _send_file(message: Message, services: Services, plan_id: str, field: Field) -> None:
    """The workbook with a button for the CSV under it, or the CSV asked for with that button."""
    answer = await services.core(lambda a: a.run(Browser.files_request((plan_id,), field)))
    csv = [[_button(phrases.CSV_BUTTON, f"x:csv:{plan_id}", services.store)]] if field is Field.EXPORT else None
    await send_attachments(message, services.knowledge, answer.attachments, InlineKeyboardMarkup(csv) if csv else None)


async def _on_export(update: Update, context: ContextTypes.DEFAULT_TYPE, services: Services, rest: str) -> None:
    """x:<plan> sends the workbook, x:csv:<plan> the CSV. The button may sit under a document,
    which has no text to replace, so an unknown plan gets a toast, not an edited message."""
    query = update.callback_query
    if query is None:
        return
    field, plan_id = (Field.CSV, rest[4:]) if rest.startswith("csv:") else (Field.EXPORT, rest)
    if not services.browser.has_plan(plan_id) or not isinstance(query.message, Message):
        await query.answer(phrases.BUTTON_EXPIRED)
        return
    await query.answer()
    await _send_file(query.message, services, plan_id, field)


async def subscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/nhacnho: remind this chat of the dates the plans set (the chat's plan, or all)."""
    services = _services(context)
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None:
        return
    plan_id = _default_plan(context)
    plans = _plans_for(services, plan_id)
    dates = upcoming(services.knowledge, plans, services.today(), limit=REMINDERS_SHOWN)
    if not dates:  # a subscription that can never fire would be a silent dead end
        names = ", ".join(plan_label(p) for p in plans)
        await message.reply_text(html.escape(phrases.NOTHING_TO_REMIND.format(plans=names)))
        return
    # on disk before the confirmation (if it cannot be written, the log says so)
    await services.store.persist("subscription", services.store.subscribe, chat.id, plan_id)
    lines = [phrases.SUBSCRIBED]
    lines += [f"• {o.date:%d/%m/%Y}: {o.text}" for o in dates]
    await message.reply_text(html.escape("\n".join(lines)))


async def unsubscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/huynhac: stop the reminders for this chat."""
    services = _services(context)
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None:
        return
    await services.store.persist("subscription", services.store.unsubscribe, chat.id)
    await message.reply_text(html.escape(phrases.UNSUBSCRIBED))


def _plans_for(services: Services, plan_id: str | None) -> list[Plan]:
    plans = services.knowledge.plans
    return [plans[plan_id]] if plan_id in plans else list(plans.values())


@dataclass
class ReminderRun:
    """What one run of the reminder job did: for the admin who ran it, and one log line."""

    day: dt.date
    subscribed: int = 0
    due: int = 0  # chats with a reminder due
    reached: int = 0
    sent: int = 0
    dropped: int = 0
    failed: int = 0
    unreadable: bool = False
    """The subscriptions could not be read: nothing was sent, which is not "nothing was due"."""

    def report(self) -> str:
        """The admin's reply to /guinhac, in Vietnamese."""
        if self.unreadable:
            return phrases.REMINDERS_UNREADABLE.format(day=f"{self.day:%d/%m/%Y}")
        lines = [phrases.REMINDERS_RUN.format(day=f"{self.day:%d/%m/%Y}", subscribed=self.subscribed)]
        lines.append(
            phrases.REMINDERS_SENT.format(sent=self.sent, reached=self.reached, due=self.due)
            if self.due
            else phrases.REMINDERS_NONE_DUE
        )
        if self.dropped:
            lines.append(phrases.REMINDERS_DROPPED.format(dropped=self.dropped))
        if self.failed:
            lines.append(phrases.REMINDERS_FAILED.format(failed=self.failed))
        return "\n".join(lines)


def _chat_gone(exc: TelegramError) -> bool:
    """403 (blocked by the user, removed from the group, account deleted) and 400 "chat not
    found" fail the same way every day: such a subscription is dead, not unlucky."""
    return isinstance(exc, Forbidden) or (isinstance(exc, BadRequest) and "chat not found" in str(exc).lower())


async def _remind_chat(bot: Bot, chat_id: int, reminders: list[Reminder]) -> int:
    """Send one chat its reminders; how many went out (network failures are retried, then skipped)."""
    sent = 0
    for reminder in reminders:
        if await _retrying(lambda r=reminder: bot.send_message(chat_id, html.escape(r.text))) is not None:
            sent += 1
    return sent


async def remind(bot: Bot, services: Services) -> ReminderRun:
    """Every subscribed chat gets the reminders due today (the day before and the day), each chat
    on its own: a failure is that chat's, logged once, and the next chat is still reminded."""
    run = ReminderRun(services.today())
    knowledge, store = services.knowledge, services.store
    try:
        subscriptions = store.subscriptions()
    except sqlite3.Error as exc:
        run.unreadable = True
        log.warning("reminders: the subscriptions cannot be read (%s); none sent", exc)
        return run
    for subscription in subscriptions:
        run.subscribed += 1
        reminders = due(knowledge, _plans_for(services, subscription.plan), run.day)
        if not reminders:
            continue
        run.due += 1
        chat = f"#{store.chat_tag(subscription.chat_id)}"  # never the id
        try:
            sent = await _remind_migrating(bot, services, subscription, reminders)
        except TelegramError as exc:
            if _chat_gone(exc):
                await store.persist("subscription", store.unsubscribe, subscription.chat_id)
                run.dropped += 1
                log.warning("reminders: chat %s unreachable (%s), subscription dropped", chat, exc)
            else:
                run.failed += 1
                log.warning("reminders: chat %s not reminded (%s: %s)", chat, type(exc).__name__, exc)
            continue
        except Exception:  # a bug, not the chat's fault: say so with its traceback, and go on
            run.failed += 1
            log.exception("reminders: chat %s not reminded", chat)
            continue
        run.sent += sent
        run.reached += sent > 0
        if sent < len(reminders):
            run.failed += 1
            log.warning("reminders: chat %s got %d of %d reminders (network)", chat, sent, len(reminders))
    return run


async def _remind_migrating(bot: Bot, services: Services, subscription: Subscription, reminders: list[Reminder]) -> int:
    """A group that became a supergroup has a new id: the subscription follows it."""
    try:
        return await _remind_chat(bot, subscription.chat_id, reminders)
    except ChatMigrated as exc:
        store = services.store
        await store.persist(
            "subscription", store.move_subscription, subscription.chat_id, exc.new_chat_id, subscription.plan
        )
        return await _remind_chat(bot, exc.new_chat_id, reminders)


async def send_reminders(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The daily job (at ``IPBOT_REMINDER_TIME``)."""
    run = await remind(context.bot, _services(context))
    log.info(
        "reminders for %s: %d subscribed, %d due, %d sent to %d chats, %d dropped, %d failed",
        run.day,
        run.subscribed,
        run.due,
        run.sent,
        run.reached,
        run.dropped,
        run.failed,
    )


async def remind_now_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/guinhac (admins): run the reminder job now, so operators (and tests) need not wait for the
    daily time, and say what it did."""
    services = _services(context)
    message = await _admin_message(update, services)
    if message is None:
        return
    run = await remind(context.bot, services)
    await message.reply_text(html.escape(run.report()))


def register(application: Application) -> None:
    """Add the commands, the export button and the daily reminder job."""
    application.add_handler(CommandHandler("bieudo", chart_command))
    application.add_handler(CommandHandler("xuat", export_command))
    application.add_handler(CommandHandler("nhacnho", subscribe_command))
    application.add_handler(CommandHandler("huynhac", unsubscribe_command))
    application.add_handler(CommandHandler("guinhac", remind_now_command))
    _ANSWERED_BY_HANDLER["x"] = _on_export
    services: Services = application.bot_data[SERVICES]
    if application.job_queue is not None:
        when = services.settings.reminder_time.replace(tzinfo=VIETNAM)
        application.job_queue.run_daily(send_reminders, when, name="reminders")
    else:  # python-telegram-bot installed without the job-queue extra
        log.warning("no JobQueue: reminders are not scheduled")
