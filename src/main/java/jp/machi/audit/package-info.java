/**
 * The audit log: an append-only, hash-chained record of sign-ins, failures, role changes and every staff
 * read or write of a resident's personal data. Other modules record through {@link jp.machi.audit.AuditLog}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit log")
package jp.machi.audit;
