"""What the business is: shops, products, orders, lifecycle, stock, costs, cash, reports."""
