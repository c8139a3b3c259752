package io.inkan.admin.user;

import java.util.List;

/**
 * One page of what expires soon; both routes answer this shape.
 *
 * @param items soonest notAfter first
 * @param page the page asked for, from 0
 * @param size the page size asked for
 * @param total how many certificates the whole window holds, on all pages
 */
record ExpiringPage(List<ExpiringCertificate> items, int page, int size, long total) {}
